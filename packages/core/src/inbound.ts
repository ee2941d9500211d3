import type { AdapterEvent } from "./adapter.js";
import type { ClientParts } from "./client-parts.js";
import type { Message } from "./model.js";
import { own } from "./records.js";
import { findByServerId } from "./thread.js";

/**
 * Routes what an adapter reports: link state to the connection manager and the outbox, typing
 * to its tracker, problems to the app, everything else to the event queue. Our own messages are
 * first matched to the outbox entry they confirm, so the thread keeps one copy.
 */
export function receive(parts: ClientParts, event: AdapterEvent): void {
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
    case "message":
      parts.list.meet(event.message.conversationId);
      events.dispatch({ type: "message", message: claimEcho(parts, event.message) });
      return;
    default:
      events.dispatch(event);
  }
}

/** Our message from the wire without our client id: the outbox says which entry it confirms. */
function claimEcho(parts: ClientParts, message: Message): Message {
  const thread = own(parts.store.getState().threads, message.conversationId);
  if (message.id !== undefined && thread && findByServerId(thread, message.id)) return message;
  const clientId = parts.outbox.match(message);
  return clientId ? { ...message, clientId } : message;
}
