import { Backoff } from "./backoff.js";
import type { Timers } from "./environment.js";

/**
 * The least time before a send left in doubt is checked against history: the server may still
 * be storing what it took just before a refusal, and a read that came first would call it absent.
 */
export const SETTLE_MS = 1000;

/** When each failed send is tried again: one backoff and at most one timer per client id. */
export class RetrySchedule {
  readonly #timers = new Map<string, unknown>();
  readonly #backoffs = new Map<string, Backoff>();

  readonly #clock: Timers;
  readonly #createBackoff: () => Backoff;

  constructor(
    clock: Timers,
    createBackoff: () => Backoff = () => new Backoff({ min: 1000, max: 30_000 }),
  ) {
    this.#clock = clock;
    this.#createBackoff = createBackoff;
  }

  /** Runs `retry` after this message's next backoff delay, and not before `atLeastMs`. */
  schedule(clientId: string, atLeastMs: number, retry: () => void): void {
    let backoff = this.#backoffs.get(clientId);
    if (!backoff) {
      backoff = this.#createBackoff();
      this.#backoffs.set(clientId, backoff);
    }
    this.cancel(clientId);
    const timer = this.#clock.setTimeout(
      () => {
        this.#timers.delete(clientId);
        retry();
      },
      Math.max(atLeastMs, backoff.duration()),
    );
    this.#timers.set(clientId, timer);
  }

  /** Cancels a pending retry; the backoff keeps growing. */
  cancel(clientId: string): void {
    const timer = this.#timers.get(clientId);
    if (timer !== undefined) this.#clock.clearTimeout(timer);
    this.#timers.delete(clientId);
  }

  /** Forgets a message: its next failure starts from the shortest delay. */
  forget(clientId: string): void {
    this.cancel(clientId);
    this.#backoffs.delete(clientId);
  }

  cancelAll(): void {
    for (const timer of this.#timers.values()) this.#clock.clearTimeout(timer);
    this.#timers.clear();
  }
}
