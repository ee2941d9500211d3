/** A stream of changes: listeners subscribe and get a function that unsubscribes them. */
export class Subscribable<Change> {
  readonly #listeners = new Set<(change: Change) => void>();

  /** Listens to every change; answers the function that stops listening. */
  subscribe(listener: (change: Change) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  protected publish(change: Change): void {
    for (const listener of [...this.#listeners]) listener(change);
  }

  protected unsubscribeAll(): void {
    this.#listeners.clear();
  }
}
