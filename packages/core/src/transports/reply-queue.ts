import type { Timers } from "../environment.js";
import { ParleyError } from "../errors.js";

/**
 * How many sends of a conversation an adapter whose answers are matched by a {@link ReplyQueue}
 * lets be on the wire at once (`AdapterSession.sendWindow`). Sends left unconfirmed by a lost
 * link are checked against one page of history (50 messages by default), so the window stays
 * well below a page: a run of them is found in it beside other people's messages.
 */
export const REPLY_WINDOW = 32;

interface Waiting<T, K> {
  key: K;
  resolve(value: T): void;
  reject(error: ParleyError): void;
  timer?: unknown;
}

/**
 * Requests waiting for answers that come back in the order the requests were sent, first in,
 * first out: how a socket without request ids is answered when its server handles one frame
 * at a time. Each request may carry a `key` (what was sent), to check an answer against the
 * oldest request (`head`) before taking it.
 */
export class ReplyQueue<T = void, K = undefined> {
  #waiting: Waiting<T, K>[] = [];
  #timers: Pick<Timers, "setTimeout" | "clearTimeout">;
  #timeoutMs: number;
  #late: (() => void) | undefined;

  /**
   * @param timers The session's timers (the adapter context's), for the answer timeout.
   * @param timeoutMs How long an answer may take; 0 waits forever.
   * @param late Called when an answer is late, when that means the order can no longer be
   *   trusted (it then drops the link, which fails everything with `failAll`). Without it, the
   *   late request alone fails with a "timeout" error.
   */
  constructor(
    timers: Pick<Timers, "setTimeout" | "clearTimeout">,
    timeoutMs = 0,
    late?: () => void,
  ) {
    this.#timers = timers;
    this.#timeoutMs = timeoutMs;
    this.#late = late;
  }

  get size(): number {
    return this.#waiting.length;
  }

  /** The key of the oldest request still waiting. */
  get head(): K | undefined {
    return this.#waiting[0]?.key;
  }

  /** A request was just put on the wire; resolves with its answer. */
  expect(key?: K): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiting: Waiting<T, K> = { key: key as K, resolve, reject };
      if (this.#timeoutMs)
        waiting.timer = this.#timers.setTimeout(
          this.#late ??
            (() => {
              this.#waiting = this.#waiting.filter((w) => w !== waiting);
              reject(new ParleyError("timeout", "No answer in time"));
            }),
          this.#timeoutMs,
        );
      this.#waiting.push(waiting);
    });
  }

  /** An answer for the oldest request; false when none was waiting. */
  answer(value: T): boolean {
    return this.#settle((w) => w.resolve(value));
  }

  /** A refusal of the oldest request; false when none was waiting. */
  refuse(error: ParleyError): boolean {
    return this.#settle((w) => w.reject(error));
  }

  /** The link is gone: every waiting request fails with `error`. */
  failAll(error: ParleyError): void {
    while (this.refuse(error));
  }

  #settle(settle: (waiting: Waiting<T, K>) => void): boolean {
    const head = this.#waiting.shift();
    if (head) {
      if (head.timer !== undefined) this.#timers.clearTimeout(head.timer);
      settle(head);
    }
    return !!head;
  }
}
