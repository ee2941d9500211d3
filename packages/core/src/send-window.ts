/**
 * How many sends of each conversation may wait for their answers at once. It starts at the
 * adapter's window; a send that failed or went unanswered closes it to one (what follows goes
 * one at a time), and each confirmation doubles it again up to the adapter's window.
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
    return Math.max(1, Math.min(max, this.#sizes.get(conversationId) ?? max));
  }

  /** A send was confirmed: the window opens further. */
  grow(conversationId: string): void {
    const size = this.#sizes.get(conversationId);
    if (size === undefined || size === 0) return;
    if (size * 2 >= this.#ceiling()) this.#sizes.delete(conversationId);
    else this.#sizes.set(conversationId, size * 2);
  }

  /**
   * A send failed or went unanswered: one at a time until confirmations come again. A rate
   * limit (`held`) keeps it at one until `reset`: the server refused one send of a window and
   * may have taken a later one (its budget refilled in between), so pipelining against a
   * limit would put messages out of order again and again.
   */
  shrink(conversationId: string, held = false): void {
    this.#sizes.set(conversationId, held ? 0 : 1);
  }

  /** A new link: every conversation starts from the adapter's window again. */
  reset(): void {
    this.#sizes.clear();
  }

  #ceiling(): number {
    const max = Math.floor(this.#max());
    return Number.isFinite(max) && max > 1 ? max : 1;
  }
}
