import type { Timers } from "./environment.js";

/**
 * Options for {@link TypingSender}: its timers and clock (required: the client passes its own, so
 * fake timers drive it in tests) and the pacing.
 */
export interface TypingOptions extends Timers {
  /** Resend "typing" this often while keystrokes go on, in ms. @default 3000 */
  refreshMs?: number;
  /** Send "stopped" after this long without a keystroke, in ms. @default 5000 */
  idleMs?: number;
}

/**
 * Turns keystrokes into few typing signals per conversation: one start, a refresh at most every
 * `refreshMs` while typing goes on, and one stop after `idleMs` of quiet, on send, or on leave.
 */
export class TypingSender {
  readonly #refreshMs: number;
  readonly #idleMs: number;
  readonly #setTimer: Timers["setTimeout"];
  readonly #clearTimer: Timers["clearTimeout"];
  readonly #now: Timers["now"];
  readonly #active = new Map<string, { sentAt: number; idle: unknown }>();

  readonly #signal: (conversationId: string, typing: boolean) => void;

  constructor(signal: (conversationId: string, typing: boolean) => void, options: TypingOptions) {
    this.#signal = signal;
    this.#refreshMs = options.refreshMs ?? 3000;
    this.#idleMs = options.idleMs ?? 5000;
    this.#setTimer = options.setTimeout;
    this.#clearTimer = options.clearTimeout;
    this.#now = options.now;
  }

  /** Call on every keystroke. */
  keystroke(conversationId: string): void {
    const now = this.#now();
    const current = this.#active.get(conversationId);
    if (current) this.#clearTimer(current.idle);
    let sentAt = current?.sentAt ?? -Infinity;
    if (now - sentAt >= this.#refreshMs) {
      this.#signal(conversationId, true);
      sentAt = now;
    }
    const idle = this.#setTimer(() => this.stop(conversationId), this.#idleMs);
    this.#active.set(conversationId, { sentAt, idle });
  }

  /** Sends "stopped" if typing was signalled (on send, blur, leave or idle). */
  stop(conversationId: string): void {
    const current = this.#active.get(conversationId);
    if (!current) return;
    this.#clearTimer(current.idle);
    this.#active.delete(conversationId);
    this.#signal(conversationId, false);
  }

  /** Stops every conversation (on disconnect or destroy). */
  stopAll(): void {
    for (const id of [...this.#active.keys()]) this.stop(id);
  }
}

/**
 * Who is typing where, from incoming signals; each entry expires after `ttlMs` unless refreshed,
 * so a lost "stopped" cannot leave someone typing forever. The timer functions are the client's
 * (`Timers.setTimeout` / `Timers.clearTimeout`).
 */
export class TypingTracker {
  readonly #timers = new Map<string, unknown>();
  readonly #update: (conversationId: string, userId: string, typing: boolean) => void;
  readonly #ttlMs: number;
  readonly #setTimer: Timers["setTimeout"];
  readonly #clearTimer: Timers["clearTimeout"];

  constructor(
    update: (conversationId: string, userId: string, typing: boolean) => void,
    ttlMs: number,
    setTimer: Timers["setTimeout"],
    clearTimer: Timers["clearTimeout"],
  ) {
    this.#update = update;
    this.#ttlMs = ttlMs;
    this.#setTimer = setTimer;
    this.#clearTimer = clearTimer;
  }

  signal(conversationId: string, userId: string, typing: boolean): void {
    const key = `${conversationId}\u0000${userId}`;
    const timer = this.#timers.get(key);
    if (timer !== undefined) this.#clearTimer(timer);
    this.#timers.delete(key);
    if (typing) {
      this.#timers.set(
        key,
        this.#setTimer(() => {
          this.#timers.delete(key);
          this.#update(conversationId, userId, false);
        }, this.#ttlMs),
      );
    }
    this.#update(conversationId, userId, typing);
  }

  clear(): void {
    for (const timer of this.#timers.values()) this.#clearTimer(timer);
    this.#timers.clear();
  }
}
