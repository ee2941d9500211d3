import type { OutboxRecord, OutboxWrite } from "../cache.js";
import type { Message } from "../model.js";
import type { ChatState } from "../state.js";
import { confirmedEnds, unseenConfirmed } from "../thread.js";
import { orderOf, type TermsOf, toRecord } from "./records.js";
import type { Batch } from "./writer.js";

/**
 * Turns store updates into writes. `note` runs on every update and only remembers what changed;
 * `collect` runs just before a write and finds the new messages (those not yet stored, by
 * object identity: snapshots are immutable, so a changed message is a new object).
 */
export class StateChanges {
  private latest: ChatState | null = null;
  private readonly threads = new Set<string>();
  private readonly conversations = new Set<string>();
  private me = false;
  private readonly stored = new WeakSet<Message>();
  /** Parts of threads already read for new messages. */
  private readonly seen = new WeakSet<object>();
  /** Conversations whose thread continues what is stored (read from it, or written once). */
  private readonly continuous = new Set<string>();
  private readonly used = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly terms?: TermsOf,
  ) {}

  /** Remembers what changed; answers whether anything did. */
  note(state: ChatState, previous: ChatState): boolean {
    this.latest = state;
    let changed = false;
    if (state.me !== previous.me && state.me !== null) {
      this.me = true;
      changed = true;
    }
    if (state.threads !== previous.threads) {
      for (const id of Object.keys(state.threads)) {
        if (state.threads[id] !== previous.threads[id]) {
          this.threads.add(id);
          this.used.set(id, this.now());
          changed = true;
        }
      }
    }
    if (state.conversations !== previous.conversations) {
      for (const id of Object.keys(state.conversations)) {
        if (state.conversations[id] !== previous.conversations[id]) {
          this.conversations.add(id);
          changed = true;
        }
      }
    }
    return changed;
  }

  /** These messages came from the cache: they continue what is stored and need no write. */
  loaded(conversationId: string, messages: readonly Message[]): void {
    this.continuous.add(conversationId);
    for (const message of messages) this.stored.add(message);
  }

  touch(conversationId: string): void {
    this.used.set(conversationId, this.now());
    this.conversations.add(conversationId);
  }

  /** Stages everything noted since the last write. */
  collect(batch: Batch): void {
    const state = this.latest;
    for (const id of this.conversations) {
      const conversation = state?.conversations[id];
      const used = this.used.get(id);
      batch.patchConversation(id, {
        ...(conversation ? { conversation } : {}),
        ...(used === undefined ? {} : { usedAt: used }),
      });
    }
    this.conversations.clear();
    if (this.me && state?.me) batch.meta.set("me", state.me);
    this.me = false;
    if (!state) return;
    for (const id of this.threads) {
      const thread = state.threads[id];
      if (!thread) continue;
      // Only the chunks that changed since the last write are read, not the whole thread.
      const fresh = unseenConfirmed(thread, this.seen).filter(
        (m): m is Message & { id: string } => m.id !== undefined && !this.stored.has(m),
      );
      for (const message of fresh) this.stored.add(message);
      const [oldest, newest] = confirmedEnds(thread);
      batch.patchConversation(id, {
        usedAt: this.used.get(id) ?? this.now(),
        ...(state.conversations[id] ? { conversation: state.conversations[id] } : {}),
      });
      const check = fresh.length > 0 && !this.continuous.has(id) && oldest && newest;
      if (fresh.length > 0) this.continuous.add(id);
      batch.addMessages(id, {
        records: fresh.map((m) => toRecord(m, this.terms)),
        paging: {
          cursor: thread.cursor,
          hasMore: thread.hasMore,
          oldestId: oldest?.id ?? null,
          oldest: oldest ? orderOf(oldest) : null,
        },
        ...(check ? { span: { oldest: orderOf(oldest), newest: orderOf(newest) } } : {}),
      });
    }
    this.threads.clear();
  }
}

/**
 * Turns outbox lists into writes. Any tab stores the entries it creates and removes those that
 * end; only the leading tab stores state changes, so a tab that merely mirrors an entry never
 * overwrites what the leader wrote (or brings back an entry the leader removed).
 */
export class OutboxChanges {
  private known = new Map<string, string>();

  /** Entries already stored (read at start). */
  loaded(entries: readonly OutboxRecord[]): void {
    for (const entry of entries) this.known.set(entry.outgoing.clientId, fingerprint(entry));
  }

  /** Stages what a write changes: new entries, the leader's changes, and removals. */
  collect({ put, remove }: OutboxWrite, leading: boolean, batch: Batch): void {
    for (const entry of put) {
      const { clientId } = entry.outgoing;
      const print = fingerprint(entry);
      const before = this.known.get(clientId);
      if (before === undefined || (leading && before !== print))
        batch.outbox.set(clientId, { ...entry, clientId });
      this.known.set(clientId, print);
    }
    for (const clientId of remove) {
      if (this.known.delete(clientId)) batch.outbox.set(clientId, null);
    }
  }
}

const fingerprint = (e: OutboxRecord) => `${e.state}|${e.attempts}|${e.firstSentAt ?? ""}`;
