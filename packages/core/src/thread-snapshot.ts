// A thread's immutable snapshot: what it holds and how it shows them. The operations on threads
// (merge, remove, rekey) are in thread.ts.
import { type ChunkedList, emptyList, pushItems } from "./chunked-list.js";
import type { Message } from "./model.js";
import type { Index } from "./thread-index.js";

/**
 * The messages of one conversation: confirmed messages in server order, then the local ones
 * (pending or failed) in the order they were sent. A new thread object on every change; a
 * thread is never mutated. Inside, confirmed messages are a persistent chunked list, so an
 * append, a confirmation or an edit costs O(log n), not a copy of the thread
 * (docs/decisions/0007-chunked-threads.md).
 */
export interface Thread {
  /**
   * Display order. Built on first read and kept with this thread, so it keeps its reference
   * until the thread changes; reading it costs O(n) once per thread.
   */
  readonly messages: readonly Message[];
  /** Older history may exist on the server. */
  readonly hasMore: boolean;
  /** Where the next older page starts; adapter specific. */
  readonly cursor: string | null;
}

/** What a thread is made of inside; read through {@link partsOf}. */
export interface Parts {
  /** Confirmed messages in server order. */
  readonly confirmed: ChunkedList<Message>;
  /**
   * Local messages in send order: usually few, but an app may queue thousands at once, and
   * each confirmation takes one out, so they are a chunked list too.
   */
  readonly local: ChunkedList<Message>;
  /** Null for the empty thread, whose successors each start their own. */
  readonly index: Index | null;
}

/** The parts of a thread (every thread is a snapshot of this module). */
export let partsOf: (thread: Thread) => Parts;

class Snapshot implements Thread {
  readonly hasMore: boolean;
  readonly cursor: string | null;
  readonly #parts: Parts;
  #messages: readonly Message[] | undefined;

  constructor(
    parts: Parts,
    hasMore: boolean,
    cursor: string | null,
    messages?: readonly Message[],
  ) {
    this.#parts = parts;
    this.hasMore = hasMore;
    this.cursor = cursor;
    this.#messages = messages;
  }

  get messages(): readonly Message[] {
    this.#messages ??= pushItems(this.#parts.local, pushItems(this.#parts.confirmed, []));
    return this.#messages;
  }

  /** What `JSON.stringify` (and devtools) show: the public fields, messages included. */
  toJSON(): Thread {
    return { messages: this.messages, hasMore: this.hasMore, cursor: this.cursor };
  }

  static {
    // Every thread comes from this module (the public type is an interface).
    partsOf = (thread) => (thread as Snapshot).#parts;
  }

  /** The same messages under other paging state (the built array is shared). */
  static paged(thread: Snapshot, cursor: string | null, hasMore: boolean): Snapshot {
    return new Snapshot(thread.#parts, hasMore, cursor, thread.#messages);
  }
}

/** The thread of a conversation nothing is known of yet (no messages, older history may exist). */
export const emptyThread: Thread = Object.freeze(
  new Snapshot({ confirmed: emptyList, local: emptyList, index: null }, true, null),
);

/** A thread with other parts and the same paging state. */
export function derive(from: Thread, parts: Parts): Thread {
  return new Snapshot(parts, from.hasMore, from.cursor);
}

/** Replaces paging state. */
export function withPaging(thread: Thread, cursor: string | null, hasMore: boolean): Thread {
  if (thread.cursor === cursor && thread.hasMore === hasMore) return thread;
  return Snapshot.paged(thread as Snapshot, cursor, hasMore);
}
