import type { AdapterEvent } from "./adapter.js";
import type { ConnectionManager } from "./connection.js";
import type { ConversationList } from "./conversation-list.js";
import type { ParleyError } from "./errors.js";
import type { EventQueue } from "./event-queue.js";
import type { Message } from "./model.js";
import type { Outbox } from "./outbox.js";
import { own } from "./records.js";
import type { ChatStore } from "./state.js";
import { findByServerId } from "./thread.js";
import type { TypingTracker } from "./typing.js";
import type { UserDirectory } from "./user-directory.js";

/**
 * The parts of a client that an adapter's events reach. A narrow view of `ClientParts`, so the
 * wiring in client-parts.ts can hand them over without this file importing it back.
 */
export interface InboundParts {
  readonly store: ChatStore;
  readonly events: EventQueue;
  readonly outbox: Outbox;
  readonly connection: ConnectionManager;
  readonly typingTracker: TypingTracker;
  readonly list: ConversationList;
  readonly users: Pick<UserDirectory, "hear">;
  report(error: ParleyError): void;
}

/**
 * Routes what an adapter reports: link state to the connection manager and the outbox, typing
 * to its tracker, people to the user directory, problems to the app, everything else to the
 * event queue. Our own messages are
 * first matched to the outbox entry they confirm, so the thread keeps one copy.
 */
export function receive(parts: InboundParts, event: AdapterEvent): void {
  const { connection, outbox, events } = parts;
  if (event.type === "closed") {
    outbox.offline();
    connection.lost(event.error);
    return;
  }
  connection.activity();
  switch (event.type) {
    case "error":
      parts.report(event.error);
      return;
    case "typing":
      parts.typingTracker.signal(event.conversationId, event.userId, event.typing);
      return;
    case "people":
      parts.users.hear(event.people);
      return;
    case "message":
      parts.list.meet(event.message.conversationId);
      events.dispatch({ type: "message", message: claimEcho(parts, event.message) });
      return;
    default:
      events.dispatch(event);
  }
}

/** Our message from the wire without our client id: the outbox says which entry it confirms. */
function claimEcho(parts: InboundParts, message: Message): Message {
  const thread = own(parts.store.getState().threads, message.conversationId);
  if (message.id !== undefined && thread && findByServerId(thread, message.id)) return message;
  const clientId = parts.outbox.match(message);
  return clientId ? { ...message, clientId } : message;
}
