import type { ChatClientEvents } from "./client-types.js";
import type { Emitter } from "./emitter.js";
import { reduce } from "./reducer.js";
import type { ChatStore } from "./state.js";
import type { StoreEvent } from "./store-events.js";

/**
 * Batches events into store updates, as TanStack Query's notifyManager batches notifications: a
 * burst from the wire is one reduction and one notification of the store's subscribers. While
 * held (a cache has not filled the store yet) events wait, so the network always merges into
 * what the cache had.
 */
export class EventQueue {
  #queue: StoreEvent[] = [];
  #scheduled = false;

  readonly #store: ChatStore;
  readonly #emitter: Emitter<ChatClientEvents>;
  #held: boolean;

  constructor(store: ChatStore, emitter: Emitter<ChatClientEvents>, held = false) {
    this.#held = held;
    this.#store = store;
    this.#emitter = emitter;
  }

  /** Queues an event for the next batch. */
  dispatch = (event: StoreEvent): void => {
    this.#queue.push(event);
    this.#schedule();
  };

  /** Applies `first` ahead of everything queued so far, and stops holding. */
  release(first: StoreEvent): void {
    this.#held = false;
    this.#queue.unshift(first);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => this.#flush());
  }

  #flush(): void {
    this.#scheduled = false;
    if (this.#held) return;
    const events = this.#queue;
    this.#queue = [];
    const before = this.#store.getState();
    const after = reduce(before, events);
    if (after !== before) this.#store.setState(after, true);
    for (const event of events) {
      if (event.type === "message") this.#emitter.emit("message", event.message);
      else if (event.type === "connection") this.#emitter.emit("connection", event.state);
    }
  }
}
