import type { Timers } from "../../environment.js";
import type { Message } from "../../model.js";

/**
 * How many of the newest messages are read back to find the ones just sent: more than a send
 * window (several sends are confirmed while one read is on its way).
 */
const READ_BACK = 50;

/**
 * The sender's own messages whose time the wire did not give: `message_sent` carries none, so a
 * send is confirmed with an estimate, then its stored copy is read back from history (the newest
 * page, oldest first: messages of one millisecond keep the server's order) and reported again
 * with the server's time, which moves it to the server's place. The read waits `delayMs` after
 * the first of a run of confirmations, so a run of sends costs one read, not one each (a read per
 * send made every send of a chat in full flow wait for the server's history). One read at a time
 * per conversation; sends confirmed meanwhile wait for the next, `delayMs` after it ended: a
 * chat sending without pause costs a read per delay, not reads back to back. A copy the read
 * does not find (it failed, or newer messages pushed it out) keeps its estimate until the next
 * history read of the conversation replaces it.
 */
export class SendTimes {
  readonly #read: (conversationId: string, limit: number) => Promise<Message[]>;
  readonly #report: (conversationId: string, messages: Message[]) => void;
  /** Per conversation, the ids of messages waiting for their server time. */
  readonly #waiting = new Map<string, Set<string>>();
  readonly #reading = new Set<string>();
  /** Per conversation, the timer of the read to come. */
  readonly #due = new Map<string, unknown>();
  readonly #timers: Pick<Timers, "setTimeout" | "clearTimeout">;
  readonly #delayMs: number;

  constructor(
    read: (conversationId: string, limit: number) => Promise<Message[]>,
    report: (conversationId: string, messages: Message[]) => void,
    timers: Pick<Timers, "setTimeout" | "clearTimeout">,
    delayMs = 200,
  ) {
    this.#read = read;
    this.#report = report;
    this.#timers = timers;
    this.#delayMs = delayMs;
  }

  /** A message the server confirmed without a time. */
  confirmed(conversationId: string, messageId: string): void {
    const waiting = this.#waiting.get(conversationId) ?? new Set<string>();
    this.#waiting.set(conversationId, waiting.add(messageId));
    this.#arm(conversationId);
  }

  /** Schedules the next read of a conversation, unless one is due or on its way. */
  #arm(conversationId: string): void {
    if (this.#due.has(conversationId) || this.#reading.has(conversationId)) return;
    const timer = this.#timers.setTimeout(() => {
      this.#due.delete(conversationId);
      void this.#readBack(conversationId);
    }, this.#delayMs);
    this.#due.set(conversationId, timer);
  }

  /** Forgets everything waiting (the session ends). */
  clear(): void {
    this.#waiting.clear();
    for (const timer of this.#due.values()) this.#timers.clearTimeout(timer);
    this.#due.clear();
  }

  async #readBack(conversationId: string): Promise<void> {
    const ids = this.#waiting.get(conversationId);
    if (!ids) return;
    this.#waiting.delete(conversationId);
    this.#reading.add(conversationId);
    try {
      const page = await this.#read(conversationId, READ_BACK).catch(() => []);
      // The page as a whole: it also says the order of messages of the same millisecond.
      if (page.some((message) => message.id !== undefined && ids.has(message.id)))
        this.#report(conversationId, page);
    } finally {
      this.#reading.delete(conversationId);
      if (this.#waiting.has(conversationId)) this.#arm(conversationId);
    }
  }
}
