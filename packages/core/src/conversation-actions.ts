import type { ClientParts } from "./client-parts.js";
import { asParleyError, ParleyError } from "./errors.js";
import { own } from "./records.js";
import { emptyThread, messageCount, newestWhere } from "./thread.js";

const DEFAULT_PAGE_SIZE = 50;

/**
 * Starts live events for a conversation and loads its newest messages when none are loaded (or
 * when the last read of them failed).
 */
export async function openConversation(parts: ClientParts, conversationId: string): Promise<void> {
  const { sync, store, history, retry, list } = parts;
  sync.watched.add(conversationId);
  parts.cache?.touch(conversationId);
  await parts.ready;
  if (store.getState().connection.status === "connected") await sync.watchLive(conversationId);
  const unknown = list.isUnknown(conversationId);
  const thread = own(store.getState().threads, conversationId);
  const empty = !thread || messageCount(thread) === 0;
  if (history.available && (empty || retry.unavailable(conversationId))) {
    await retry.run(conversationId).catch((error: unknown) => {
      const problem = asParleyError(error);
      // Not ours to read: the caller hears it. A backend's fault (a 500, the network) is
      // reported, the live feed stays open, and `historyStatus` says so until a retry succeeds.
      if (/^(forbidden|not-found|unauthorized)$/.test(problem.code)) throw problem;
      parts.report(problem);
    });
  }
  // After the history: a backend may know a conversation's name only from its messages.
  list.meet(conversationId, unknown);
}

/**
 * The one-to-one conversation with a person, where the dialect starts one by writing to their id
 * (`capabilities.createConversation`): that id is the conversation's. One the store does not
 * know yet shows at once, empty; the server learns of it with the first message.
 */
export function startConversation(parts: ClientParts, userId: string): string {
  const { me, capabilities, conversations } = parts.store.getState();
  if (!capabilities.createConversation || !userId || userId === me)
    throw new ParleyError("unsupported", "Cannot start this conversation");
  if (!own(conversations, userId)) {
    const participants = [me, userId].filter((id) => id !== null).map((id) => ({ id }));
    parts.events.dispatch({
      type: "conversation",
      conversation: { id: userId, kind: "direct", participants, unreadCount: 0 },
    });
  }
  return userId;
}

/** Stops live events for a conversation (what it holds stays in the store). */
export function closeConversation(parts: ClientParts, conversationId: string): void {
  parts.sync.watched.delete(conversationId);
  parts.retry.pause(conversationId);
  parts.typingSender.stop(conversationId);
  parts.session.unwatch?.(conversationId);
}

/**
 * Loads the next older page, from the cache when it has it; resolves with whether more remain.
 * While the newest history could not be read, and the cache has nothing older, reads that again
 * instead (a retry asked for).
 */
export async function loadOlder(parts: ClientParts, conversationId: string): Promise<boolean> {
  await parts.ready;
  const unavailable = parts.history.available && parts.retry.unavailable(conversationId);
  const thread = own(parts.store.getState().threads, conversationId);
  if (!unavailable && thread && !thread.hasMore) return false;
  // The cache pages back without the network, even while the history cannot be read (offline).
  const cached = await parts.cache?.older(
    conversationId,
    parts.options.pageSize ?? DEFAULT_PAGE_SIZE,
  );
  if (typeof cached === "boolean") return cached;
  if (unavailable) {
    await parts.retry.run(conversationId);
    return own(parts.store.getState().threads, conversationId)?.hasMore ?? false;
  }
  const page = await parts.history.read(
    conversationId,
    thread?.cursor ?? null,
    thread !== undefined && messageCount(thread) > 0,
  );
  return page.cursor !== null;
}

/** Marks a conversation read here at once, and on the server up to the newest message from others. */
export async function markRead(parts: ClientParts, conversationId: string): Promise<void> {
  const { store, events } = parts;
  events.dispatch({ type: "read-local", conversationId });
  const { me } = store.getState();
  const thread = own(store.getState().threads, conversationId) ?? emptyThread;
  // Counted from the end: a long thread costs only what follows it.
  const last = newestWhere(thread, (m) => m.id !== undefined && m.senderId !== me);
  await parts.session.markRead?.(conversationId, last);
}
