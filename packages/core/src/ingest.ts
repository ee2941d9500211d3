import type { AdapterEvent, HistoryPage } from "./adapter.js";
import type { CacheSnapshot } from "./cache.js";
import type { ParleyError } from "./errors.js";
import type { ConnectionState, Conversation, Message } from "./model.js";
import type { ChatState } from "./state.js";
import {
  emptyThread,
  findByServerId,
  findMessage,
  merge,
  mergeMessages,
  removeLocal,
  type Thread,
  withPaging,
} from "./thread.js";

/** What changes the store: adapter events and the client's own doings. */
export type StoreEvent =
  | AdapterEvent
  | { type: "local"; message: Message }
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
  /** What a cache stored, applied before anything from the network. */
  | { type: "hydrate"; snapshot: Omit<CacheSnapshot, "outbox"> }
  /** A problem worth showing that concerns no message (a storage warning). */
  | { type: "problem"; error: ParleyError }
  | { type: "conversations"; conversations: Conversation[] }
  | { type: "connection"; state: ConnectionState }
  /** Replaces the confirmed messages (a gap was found behind them); local ones stay. */
  | { type: "reset"; conversationId: string; messages: Message[]; cursor: string | null }
  | { type: "read-local"; conversationId: string };

export interface IngestHooks {
  /** Our own message from the wire: the client id of the outbox entry it confirms, or null. */
  match(message: Message): string | null;
}

/**
 * Applies a batch of events to a state and answers the next state (the same object when nothing
 * changed). Messages of one conversation are merged in one pass per batch.
 */
export function ingest(
  state: ChatState,
  events: readonly StoreEvent[],
  hooks: IngestHooks,
): ChatState {
  let next: ChatState = state;
  const threads: Record<string, Thread> = { ...state.threads };
  const conversations: Record<string, Conversation> = { ...state.conversations };
  const pending = new Map<string, Message[]>();
  let threadsChanged = false;
  let conversationsChanged = false;

  const thread = (id: string) => threads[id] ?? emptyThread;
  const conversation = (id: string): Conversation =>
    conversations[id] ?? { id, kind: "direct", participants: [], unreadCount: 0 };
  const setConversation = (c: Conversation) => {
    conversations[c.id] = c;
    conversationsChanged = true;
  };
  const setThread = (id: string, t: Thread) => {
    if (threads[id] === t) return;
    threads[id] = t;
    threadsChanged = true;
  };

  /** Merges buffered wire messages of one conversation, counting new unread ones. */
  const flush = (conversationId: string) => {
    const batch = pending.get(conversationId);
    if (!batch) return;
    pending.delete(conversationId);
    const before = thread(conversationId);
    const { thread: after, added } = merge(before, batch);
    if (after === before) return;
    setThread(conversationId, after);
    let fresh = 0;
    for (const clientId of added) {
      const message = findMessage(after, clientId);
      if (message && message.senderId !== next.me && !message.deleted) fresh += 1;
    }
    const c = conversation(conversationId);
    const lastMessage = after.messages.at(-1) ?? c.lastMessage;
    if (fresh > 0 || lastMessage !== c.lastMessage || !conversations[conversationId]) {
      setConversation({
        ...c,
        unreadCount: c.unreadCount + fresh,
        ...(lastMessage ? { lastMessage } : {}),
      });
    }
  };

  const updateMessages = (conversationId: string, update: (m: Message) => Message | null) => {
    flush(conversationId);
    const t = thread(conversationId);
    const changed: Message[] = [];
    for (const message of t.messages) {
      const updated = update(message);
      if (updated && updated !== message) changed.push(updated);
    }
    if (changed.length > 0) setThread(conversationId, mergeMessages(t, changed));
  };

  for (const event of events) {
    switch (event.type) {
      case "ready":
        if (next.me !== event.userId) next = { ...next, me: event.userId };
        break;
      case "message": {
        let message = event.message;
        const known =
          message.id !== undefined && findByServerId(thread(message.conversationId), message.id);
        if (!known && message.senderId === next.me) {
          const clientId = hooks.match(message);
          if (clientId) message = { ...message, clientId };
        }
        const list = pending.get(message.conversationId) ?? [];
        list.push(message);
        pending.set(message.conversationId, list);
        break;
      }
      case "local":
      case "confirmed": {
        const message =
          event.type === "confirmed"
            ? { ...event.message, clientId: event.clientId }
            : event.message;
        flush(message.conversationId);
        const t = thread(message.conversationId);
        // A confirmation may arrive after the same message came by another path under its id.
        const existing =
          message.id !== undefined ? findByServerId(t, message.id)?.clientId : undefined;
        const base =
          existing && existing !== message.clientId ? removeLocal(t, message.clientId) : t;
        setThread(
          message.conversationId,
          mergeMessages(base, [existing ? { ...message, clientId: existing } : message]),
        );
        const c = conversation(message.conversationId);
        const after = thread(message.conversationId);
        const last = after.messages.at(-1);
        setConversation({ ...c, ...(last ? { lastMessage: last } : {}) });
        break;
      }
      case "failed":
        updateMessages(event.conversationId, (m) =>
          m.clientId === event.clientId
            ? {
                ...m,
                status: "failed",
                error: { code: event.error.code, message: event.error.message },
              }
            : null,
        );
        next = { ...next, lastError: event.error };
        break;
      case "discarded":
        flush(event.conversationId);
        setThread(event.conversationId, removeLocal(thread(event.conversationId), event.clientId));
        break;
      case "status": {
        const ids = new Set(event.messageIds);
        updateMessages(event.conversationId, (m) =>
          m.id !== undefined && ids.has(m.id) ? { ...m, status: event.status } : null,
        );
        break;
      }
      case "read": {
        if (event.readerId === next.me) {
          setConversation({ ...conversation(event.conversationId), unreadCount: 0 });
          break;
        }
        // Someone else read: our messages up to `upTo` (or all) are read.
        flush(event.conversationId);
        const { messages } = thread(event.conversationId);
        const limit =
          event.upTo === undefined
            ? messages.length - 1
            : messages.findIndex((m) => m.id === event.upTo);
        const upTo = new Set(messages.slice(0, limit + 1));
        updateMessages(event.conversationId, (m) =>
          upTo.has(m) && m.senderId === next.me && m.id !== undefined
            ? { ...m, status: "read" }
            : null,
        );
        break;
      }
      case "read-local":
        setConversation({ ...conversation(event.conversationId), unreadCount: 0 });
        // What others wrote is read by us now: no view asks to mark it again.
        updateMessages(event.conversationId, (m) =>
          next.me !== null && m.senderId !== next.me && m.id !== undefined && m.status !== "read"
            ? { ...m, status: "read" }
            : null,
        );
        break;
      case "deleted": {
        updateMessages(event.conversationId, (m) =>
          m.id === event.messageId ? { ...m, deleted: true } : null,
        );
        const { lastMessage } = conversation(event.conversationId);
        if (lastMessage?.id === event.messageId)
          setConversation({
            ...conversation(event.conversationId),
            lastMessage: { ...lastMessage, deleted: true },
          });
        break;
      }
      case "typing":
      case "typing-state": {
        const current = next.typing[event.conversationId] ?? [];
        const has = current.includes(event.userId);
        if (has === event.typing) break;
        const users = event.typing
          ? [...current, event.userId]
          : current.filter((u) => u !== event.userId);
        next = { ...next, typing: { ...next.typing, [event.conversationId]: users } };
        break;
      }
      case "presence":
        next = { ...next, presence: { ...next.presence, [event.userId]: event.presence } };
        break;
      case "conversation":
        setConversation({ ...conversation(event.conversation.id), ...event.conversation });
        break;
      case "conversations":
        for (const c of event.conversations) {
          const existing = conversations[c.id];
          setConversation(
            existing?.lastMessage && !c.lastMessage
              ? { ...c, lastMessage: existing.lastMessage }
              : c,
          );
        }
        next = { ...next, conversationsLoaded: true };
        break;
      case "history": {
        flush(event.conversationId);
        const before = thread(event.conversationId);
        const merged = mergeMessages(before, event.page.messages, { older: event.older });
        // The newest page after a reconnect must not reset how far back the user has paged.
        const paging = event.older || before.messages.length === 0 || before.cursor === null;
        const hasMore = event.hasMore ?? event.page.cursor !== null;
        setThread(
          event.conversationId,
          paging ? withPaging(merged, event.page.cursor, hasMore) : merged,
        );
        if (!conversations[event.conversationId]) {
          setConversation(conversation(event.conversationId));
        }
        break;
      }
      case "hydrate": {
        // Whatever the network already said is fresher; the cache only fills in.
        const { snapshot } = event;
        if (next.me === null && snapshot.me !== null) next = { ...next, me: snapshot.me };
        for (const c of snapshot.conversations) {
          if (!conversations[c.id]) setConversation(c);
        }
        for (const cached of snapshot.threads) {
          flush(cached.conversationId);
          const before = thread(cached.conversationId);
          const merged = mergeMessages(before, cached.messages, { older: true });
          setThread(
            cached.conversationId,
            before.messages.length === 0
              ? withPaging(merged, cached.cursor, cached.hasMore)
              : merged,
          );
          if (!conversations[cached.conversationId]) {
            setConversation(conversation(cached.conversationId));
          }
        }
        break;
      }
      case "problem":
        next = { ...next, lastError: event.error };
        break;
      case "connection":
        next = { ...next, connection: event.state };
        break;
      case "reset": {
        flush(event.conversationId);
        const locals = thread(event.conversationId).messages.filter((m) => m.id === undefined);
        const fresh = mergeMessages(mergeMessages(emptyThread, event.messages), locals);
        setThread(event.conversationId, withPaging(fresh, event.cursor, event.cursor !== null));
        break;
      }
      case "capabilities":
        next = { ...next, capabilities: { ...next.capabilities, ...event.capabilities } };
        break;
      case "closed":
      case "error":
        // Handled by the client (connection manager, error listeners).
        break;
    }
  }
  for (const conversationId of [...pending.keys()]) flush(conversationId);
  if (threadsChanged) next = { ...next, threads };
  if (conversationsChanged) next = { ...next, conversations };
  return next;
}
