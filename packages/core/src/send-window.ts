/**
 * How many sends of each conversation may wait for their answers at once. It starts at the
 * adapter's window; a send that failed or went unanswered closes it to one (what follows goes
 * one at a time, as a refused send is usually followed by more refusals, a rate limit's say),
 * and each confirmation doubles it again up to the adapter's window.
 */
export class SendWindow {
  readonly #sizes = new Map<string, number>();
  readonly #max: () => number;

  /** @param max The adapter's window, read on every use (a session may learn it late). */
  constructor(max: () => number) {
    this.#max = max;
  }

  /** The sends of `conversationId` that may be on the wire now. */
  limit(conversationId: string): number {
    const max = this.#ceiling();
    return Math.min(max, this.#sizes.get(conversationId) ?? max);
  }

  /** A send was confirmed: the window opens further. */
  grow(conversationId: string): void {
    const size = this.#sizes.get(conversationId);
    if (size === undefined) return;
    if (size * 2 >= this.#ceiling()) this.#sizes.delete(conversationId);
    else this.#sizes.set(conversationId, size * 2);
  }

  /** A send failed or went unanswered: one at a time until confirmations come again. */
  shrink(conversationId: string): void {
    this.#sizes.set(conversationId, 1);
  }

  #ceiling(): number {
    const max = Math.floor(this.#max());
    return Number.isFinite(max) && max > 1 ? max : 1;
  }
}
