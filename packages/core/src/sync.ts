import type { AdapterSession } from "./adapter.js";
import type { ConversationList } from "./conversation-list.js";
import type { Timers } from "./environment.js";
import { asParleyError, type ParleyError } from "./errors.js";
import type { HistoryReader } from "./history-reader.js";
import type { HistoryRetry } from "./history-retry.js";
import type { Message } from "./model.js";
import { own } from "./records.js";
import type { ChatStore } from "./state.js";
import type { StoreEvent } from "./store-events.js";
import { emptyThread } from "./thread.js";

export interface SyncOptions {
  session: AdapterSession;
  store: ChatStore;
  history: HistoryReader;
  /** Newest-history reads that degrade: a failure is recorded and tried again later. */
  retry: HistoryRetry;
  list: ConversationList;
  dispatch(event: StoreEvent): void;
  report(error: ParleyError): void;
  timers: Timers;
}

/** How long history waits for a conversation's live feed before it is read anyway. */
const LIVE_WAIT_MS = 5000;
/** How many newest pages a catch-up reads, at most, looking for what it already had. */
const CATCH_UP_PAGES = 10;

/**
 * Keeps the store in step with the backend across connections: the conversations the app
 * watches are watched again, what was missed while the link was down is fetched, and the list
 * is read again.
 */
export class Sync {
  /** Conversations the app has open. */
  readonly watched = new Set<string>();

  readonly #options: SyncOptions;

  constructor(options: SyncOptions) {
    this.#options = options;
  }

  /**
   * Resolves when the adapter's watch does (its live feed is up), or after a few seconds: history
   * fetched after it leaves no gap, and a feed that cannot open does not hold history back.
   */
  watchLive(conversationId: string): Promise<void> {
    let live: void | Promise<void>;
    try {
      live = this.#options.session.watch?.(conversationId);
    } catch (error) {
      // A watch that throws is reported like one that rejects; history is read all the same.
      this.#options.report(asParleyError(error));
      return Promise.resolve();
    }
    if (!live) return Promise.resolve();
    const { timers } = this.#options;
    return new Promise<void>((resolve) => {
      const timer = timers.setTimeout(resolve, LIVE_WAIT_MS);
      const done = () => {
        timers.clearTimeout(timer);
        resolve();
      };
      live.then(done, done);
    });
  }

  /**
   * After a (re)connection: watch again, fetch what was missed (a history that could not be
   * read before is tried again), refresh the list.
   */
  async afterConnect(): Promise<void> {
    const { store, history, retry, list, report } = this.#options;
    const jobs: Array<Promise<unknown>> = [];
    if (list.wanted && list.available) jobs.push(list.load());
    // Conversations opened before the link was up have no thread yet: load them now too. Each
    // watched one is caught up once its live feed is up, so nothing falls in between.
    const ids = new Set([...Object.keys(store.getState().threads), ...this.watched]);
    for (const id of ids) {
      const live = this.watched.has(id) ? this.watchLive(id) : Promise.resolve();
      jobs.push(history.available ? live.then(() => retry.run(id)) : live);
    }
    await Promise.all(
      jobs.map((job) => job.catch((error: unknown) => report(asParleyError(error)))),
    );
  }

  /** Fetches newest pages until one overlaps what we have (at most ten pages). */
  async catchUp(conversationId: string): Promise<void> {
    const { store, history, dispatch } = this.#options;
    const thread = own(store.getState().threads, conversationId) ?? emptyThread;
    // What we had before catching up (the thread's index moves on as pages arrive).
    const known = new Set(thread.messages.map((m) => m.id).filter((id) => id !== undefined));
    // Nothing known yet: the newest page is all there is to catch up with.
    const pages = known.size > 0 ? CATCH_UP_PAGES : 1;
    const fetched: Message[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < pages; i++) {
      const page = await history.read(conversationId, cursor, i > 0);
      fetched.unshift(...page.messages);
      if (page.cursor === null || page.messages.some((m) => m.id !== undefined && known.has(m.id)))
        return;
      cursor = page.cursor;
    }
    // Still no overlap: what we had is older than a gap. Keep only the fresh pages, so the
    // thread stays contiguous and paging back fills in from the gap's edge.
    if (pages > 1) dispatch({ type: "reset", conversationId, messages: fetched, cursor });
  }
}
