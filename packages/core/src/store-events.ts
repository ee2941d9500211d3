import type { AdapterEvent, HistoryPage, OutgoingMessage } from "./adapter.js";
import type { CacheSnapshot } from "./cache.js";
import type { ParleyError } from "./errors.js";
import type { ConnectionState, Conversation, Message } from "./model.js";
import type { OutboxChange } from "./outbox-entry.js";
import type { HistoryStatus } from "./state.js";

/** What changes the store: adapter events and the client's own doings. */
export type StoreEvent =
  | AdapterEvent
  /** An outbox entry's message, shown until confirmed (`failed` when it was given up). */
  | { type: "queued"; outgoing: OutgoingMessage; queuedAt: number; failed: boolean }
  /** A sent message that can neither be confirmed nor be proven missing. */
  | { type: "unconfirmed"; clientId: string; conversationId: string }
  /** A failed message goes out again: pending once more. */
  | { type: "retried"; clientId: string; conversationId: string }
  | { type: "confirmed"; clientId: string; message: Message }
  | { type: "failed"; clientId: string; conversationId: string; error: ParleyError }
  | { type: "discarded"; clientId: string; conversationId: string }
  | { type: "typing-state"; conversationId: string; userId: string; typing: boolean }
  /** `hasMore` overrides "a cursor means more" (a page from a cache may end with no cursor). */
  | {
      type: "history";
      conversationId: string;
      page: HistoryPage;
      older: boolean;
      hasMore?: boolean;
    }
  /** A conversation's newest history could not be read (`ChatState.historyStatus`). */
  | { type: "history-unavailable"; conversationId: string; status: HistoryStatus }
  /** What a cache stored, applied before anything from the network. */
  | { type: "hydrate"; snapshot: Omit<CacheSnapshot, "outbox"> }
  /** A problem worth showing that concerns no message (a storage warning). */
  | { type: "problem"; error: ParleyError }
  | { type: "conversations"; conversations: Conversation[] }
  | { type: "connection"; state: ConnectionState }
  /** Replaces the confirmed messages (a gap was found behind them); local ones stay. */
  | { type: "reset"; conversationId: string; messages: Message[]; cursor: string | null }
  | { type: "read-local"; conversationId: string };

/** What an outbox change shows in the store, if anything. */
export function fromOutbox(change: OutboxChange): StoreEvent | null {
  switch (change.type) {
    case "queued": {
      const { outgoing, queuedAt, state } = change.entry;
      return { type: "queued", outgoing, queuedAt, failed: state === "failed" };
    }
    case "confirmed":
      return { type: "confirmed", clientId: change.clientId, message: change.message };
    case "failed":
    case "unconfirmed":
    case "retried":
    case "discarded":
      return change;
    case "updated":
      return null;
  }
}
