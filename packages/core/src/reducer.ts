import { localMessage } from "./compose.js";
import { trackHistoryStatus } from "./history-status.js";
import { idRecord, own } from "./records.js";
import {
  buffer,
  conversationOf,
  type Draft,
  finishDraft,
  flush,
  knows,
  listConversation,
  setConversation,
  setThread,
  startDraft,
  threadOf,
  updateMessages,
} from "./reducer-draft.js";
import { applyRead, markRead, unreadBack } from "./reducer-receipts.js";
import type { ChatState } from "./state.js";
import type { StoreEvent } from "./store-events.js";
import {
  emptyThread,
  findByServerId,
  findMessage,
  fromEnd,
  localMessages,
  mergeMessages,
  messageCount,
  rekey,
  removeLocal,
  type Thread,
  withPaging,
} from "./thread.js";

export type { StoreEvent } from "./store-events.js";

/**
 * The store's reducer: applies a batch of events to a state and answers the next state (the same
 * object when nothing changed). Pure: it reads nothing but its arguments and calls nobody.
 */
export function reduce(state: ChatState, events: readonly StoreEvent[]): ChatState {
  const draft = startDraft(state);
  for (const event of events) apply(draft, event);
  return finishDraft(draft);
}

function apply(draft: Draft, event: StoreEvent): void {
  trackHistoryStatus(draft, event);
  const next = draft.state;
  switch (event.type) {
    case "ready":
      if (next.me !== event.userId) draft.state = { ...next, me: event.userId };
      break;
    case "message":
      buffer(draft, event.message);
      break;
    case "queued": {
      const status = event.failed ? "failed" : "pending";
      const message = localMessage(event.outgoing, next.me ?? "", event.queuedAt, status);
      placeMessage(draft, message);
      break;
    }
    case "confirmed":
      placeMessage(draft, { ...event.message, clientId: event.clientId });
      break;
    case "retried":
      updateMessages(draft, event.conversationId, byClientId(event.clientId), (m) => {
        const { error: _error, ...rest } = m;
        return { ...rest, status: "pending" };
      });
      break;
    case "unconfirmed":
      updateMessages(draft, event.conversationId, byClientId(event.clientId), (m) =>
        m.id === undefined ? { ...m, status: "unconfirmed" } : null,
      );
      break;
    case "failed":
      updateMessages(draft, event.conversationId, byClientId(event.clientId), (m) => ({
        ...m,
        status: "failed",
        error: { code: event.error.code, message: event.error.message },
      }));
      draft.state = { ...draft.state, lastError: event.error };
      break;
    case "discarded":
      flush(draft, event.conversationId);
      setThread(
        draft,
        event.conversationId,
        removeLocal(threadOf(draft, event.conversationId), event.clientId),
      );
      break;
    case "status":
      updateMessages(
        draft,
        event.conversationId,
        (t) => event.messageIds.map((id) => findByServerId(t, id)),
        (m) => ({ ...m, status: event.status }),
      );
      break;
    case "read":
      applyRead(draft, event.conversationId, event.readerId, event.upTo);
      break;
    case "read-local":
      setConversation(draft, { ...conversationOf(draft, event.conversationId), unreadCount: 0 });
      // What others wrote is read by us now: no view asks to mark it again.
      if (next.me !== null) {
        const me = next.me;
        updateMessages(
          draft,
          event.conversationId,
          (t) => unreadBack(t, (m) => m.senderId !== me),
          markRead,
        );
      }
      break;
    case "deleted": {
      updateMessages(
        draft,
        event.conversationId,
        (t) => [findByServerId(t, event.messageId)],
        (m) => ({ ...m, deleted: true }),
      );
      const conversation = conversationOf(draft, event.conversationId);
      const { lastMessage } = conversation;
      if (lastMessage?.id === event.messageId)
        setConversation(draft, { ...conversation, lastMessage: { ...lastMessage, deleted: true } });
      break;
    }
    case "typing":
    case "typing-state": {
      const current = own(next.typing, event.conversationId) ?? [];
      if (current.includes(event.userId) === event.typing) break;
      const typing = idRecord(next.typing);
      typing[event.conversationId] = event.typing
        ? [...current, event.userId]
        : current.filter((u) => u !== event.userId);
      draft.state = { ...next, typing };
      break;
    }
    case "presence": {
      const presence = idRecord(next.presence);
      presence[event.userId] = event.presence;
      draft.state = { ...next, presence };
      break;
    }
    case "conversation":
      setConversation(draft, {
        ...conversationOf(draft, event.conversation.id),
        ...event.conversation,
      });
      break;
    case "conversations":
      for (const c of event.conversations) {
        const existing = knows(draft, c.id) ? conversationOf(draft, c.id) : undefined;
        setConversation(
          draft,
          existing?.lastMessage && !c.lastMessage ? { ...c, lastMessage: existing.lastMessage } : c,
        );
      }
      draft.state = { ...draft.state, conversationsLoaded: true };
      break;
    case "history": {
      flush(draft, event.conversationId);
      const before = threadOf(draft, event.conversationId);
      // A page is the server's order: it also settles the order of ties that arrived live.
      const merged = mergeMessages(before, event.page.messages, {
        older: event.older,
        ordered: true,
      });
      // The newest page after a reconnect must not reset how far back the user has paged.
      const paging = event.older || messageCount(before) === 0 || before.cursor === null;
      const hasMore = event.hasMore ?? event.page.cursor !== null;
      setThread(
        draft,
        event.conversationId,
        paging ? withPaging(merged, event.page.cursor, hasMore) : merged,
      );
      listConversation(draft, event.conversationId);
      break;
    }
    case "edited": {
      const { conversationId, id } = event.message;
      flush(draft, conversationId);
      if (id !== undefined && findByServerId(threadOf(draft, conversationId), id))
        buffer(draft, event.message);
      break;
    }
    case "read-back": {
      flush(draft, event.conversationId);
      const before = threadOf(draft, event.conversationId);
      setThread(
        draft,
        event.conversationId,
        mergeMessages(before, event.messages, { ordered: true }),
      );
      break;
    }
    case "hydrate":
      applyHydrate(draft, event.snapshot);
      break;
    case "problem":
      draft.state = { ...next, lastError: event.error };
      break;
    case "connection":
      draft.state = { ...next, connection: event.state };
      break;
    case "reset": {
      flush(draft, event.conversationId);
      const locals = localMessages(threadOf(draft, event.conversationId));
      const fresh = mergeMessages(mergeMessages(emptyThread, event.messages), locals);
      setThread(
        draft,
        event.conversationId,
        withPaging(fresh, event.cursor, event.cursor !== null),
      );
      break;
    }
    case "capabilities":
      draft.state = { ...next, capabilities: { ...next.capabilities, ...event.capabilities } };
      break;
    case "closed":
    case "error":
      // Handled by the client (connection manager, error listeners; people: the directory).
      break;
  }
}

/** A local message or a confirmation: one copy, under the id the thread already knows. */
function placeMessage(draft: Draft, message: StoreMessage): void {
  flush(draft, message.conversationId);
  const thread = threadOf(draft, message.conversationId);
  // A confirmation may arrive after the same message came by another path under its id.
  // It then keeps the client id its sender's `send` returned: the copy is renamed, not the local.
  const existing =
    message.id !== undefined ? findByServerId(thread, message.id)?.clientId : undefined;
  const base =
    existing !== undefined && existing !== message.clientId
      ? rekey(removeLocal(thread, message.clientId), existing, message.clientId)
      : thread;
  setThread(draft, message.conversationId, mergeMessages(base, [message]));
  const last = fromEnd(threadOf(draft, message.conversationId), 0);
  setConversation(draft, {
    ...conversationOf(draft, message.conversationId),
    ...(last ? { lastMessage: last } : {}),
  });
}

type StoreMessage = Extract<StoreEvent, { type: "message" }>["message"];

const byClientId = (clientId: string) => (thread: Thread) => [findMessage(thread, clientId)];

/** What a cache stored: whatever the network already said is fresher; the cache only fills in. */
function applyHydrate(
  draft: Draft,
  snapshot: Extract<StoreEvent, { type: "hydrate" }>["snapshot"],
): void {
  if (draft.state.me === null && snapshot.me !== null)
    draft.state = { ...draft.state, me: snapshot.me };
  for (const c of snapshot.conversations) {
    if (!knows(draft, c.id)) setConversation(draft, c);
  }
  for (const cached of snapshot.threads) {
    flush(draft, cached.conversationId);
    const before = threadOf(draft, cached.conversationId);
    const merged = mergeMessages(before, cached.messages, { older: true });
    setThread(
      draft,
      cached.conversationId,
      messageCount(before) === 0 ? withPaging(merged, cached.cursor, cached.hasMore) : merged,
    );
    listConversation(draft, cached.conversationId);
  }
}
