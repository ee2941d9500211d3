import type { Backoff } from "./backoff.js";
import type { Timers } from "./environment.js";
import { asParleyError, type ParleyError } from "./errors.js";
import { own } from "./records.js";
import type { ChatStore, HistoryStatus } from "./state.js";
import type { StoreEvent } from "./store-events.js";

export interface HistoryRetryOptions {
  /** Reads a conversation's newest history into the store, catching up with what it holds. */
  read(conversationId: string): Promise<void>;
  /** Whether the app has the conversation open: only those are tried again on their own. */
  watched(conversationId: string): boolean;
  store: ChatStore;
  dispatch(event: StoreEvent): void;
  timers: Timers;
  /** A new backoff, for one conversation's tries. */
  backoff(): Backoff;
  /** Tries on its own after a failure, before it waits to be asked (reconnect, open, loadOlder). */
  maxAttempts: number;
}

/** One conversation's failed reads: the backoff between tries and the next one, if scheduled. */
interface Tries {
  readonly backoff: Backoff;
  failures: number;
  timer?: unknown;
}

/**
 * Reads of a conversation's newest history that degrade instead of failing the conversation: a
 * failure worth retrying (a 5xx, the network, a timeout) is recorded in the store
 * (`ChatState.historyStatus`) and the read is tried again later with backoff, a bounded number of
 * times; every open, reconnect and `loadOlder` tries again at once and starts the bound anew. An
 * error the server will keep giving (401, 403, 404, a malformed page) is not tried again on its
 * own: that is the caller's error, or a capability the adapter reports absent.
 */
export class HistoryRetry {
  readonly #options: HistoryRetryOptions;
  readonly #tries = new Map<string, Tries>();

  constructor(options: HistoryRetryOptions) {
    this.#options = options;
  }

  /**
   * Reads the newest history of a conversation. Success ends its tries (the reducer drops the
   * status when the page arrives); a failure is recorded and, when worth it, tried again later.
   * `fresh`: asked for (not a scheduled try), so the tries start from the first again. Rejects
   * with the failure as a ParleyError.
   */
  async run(conversationId: string, fresh = true): Promise<void> {
    const tries = this.#tries.get(conversationId);
    if (tries) {
      this.#stop(tries);
      if (fresh) tries.backoff.reset();
    }
    try {
      await this.#options.read(conversationId);
    } catch (error) {
      const problem = asParleyError(error);
      this.#failed(conversationId, problem);
      throw problem;
    }
    this.#tries.delete(conversationId);
  }

  /** Whether the store says the conversation's history is unavailable now. */
  unavailable(conversationId: string): boolean {
    return this.#status(conversationId) !== undefined;
  }

  /** The conversation was closed: no try on its own until it is opened again. */
  pause(conversationId: string): void {
    const tries = this.#tries.get(conversationId);
    const status = this.#status(conversationId);
    if (tries?.timer === undefined || !status) return;
    this.#stop(tries);
    this.#publish(conversationId, { ...status, retryAt: null });
  }

  dispose(): void {
    for (const tries of this.#tries.values()) this.#stop(tries);
    this.#tries.clear();
  }

  #failed(conversationId: string, error: ParleyError): void {
    const { timers, maxAttempts } = this.#options;
    // Not worth trying again, and nothing to tell: the caller hears it, or the capability went.
    if (!error.retryable && !this.unavailable(conversationId)) {
      this.#tries.delete(conversationId);
      return;
    }
    let tries = this.#tries.get(conversationId);
    if (!tries) {
      tries = { backoff: this.#options.backoff(), failures: 0 };
      this.#tries.set(conversationId, tries);
    }
    tries.failures += 1;
    this.#stop(tries);
    let retryAt: number | null = null;
    if (
      error.retryable &&
      this.#options.watched(conversationId) &&
      tries.backoff.attempts < maxAttempts
    ) {
      const delay = tries.backoff.duration();
      retryAt = timers.now() + delay;
      tries.timer = timers.setTimeout(() => this.#retry(conversationId), delay);
    }
    this.#publish(conversationId, { error, failures: tries.failures, retryAt });
  }

  /** A scheduled try: quiet (the status tells how it went), and skipped once a read succeeded. */
  #retry(conversationId: string): void {
    if (this.unavailable(conversationId)) this.run(conversationId, false).catch(() => {});
    else this.#tries.delete(conversationId);
  }

  #stop(tries: Tries): void {
    this.#options.timers.clearTimeout(tries.timer);
    tries.timer = undefined;
  }

  #status(conversationId: string): HistoryStatus | undefined {
    return own(this.#options.store.getState().historyStatus, conversationId);
  }

  #publish(conversationId: string, status: HistoryStatus): void {
    this.#options.dispatch({ type: "history-unavailable", conversationId, status });
  }
}
