import type { ClientParts } from "./client-parts.js";
import { asParleyError } from "./errors.js";
import { own } from "./records.js";
import { emptyThread, messageCount, newestWhere } from "./thread.js";

const DEFAULT_PAGE_SIZE = 50;

/** Starts live events for a conversation and loads its newest messages when none are loaded. */
export async function openConversation(parts: ClientParts, conversationId: string): Promise<void> {
  const { sync, store, history, list } = parts;
  sync.watched.add(conversationId);
  parts.cache?.touch(conversationId);
  await parts.ready;
  if (store.getState().connection.status === "connected") await sync.watchLive(conversationId);
  const unknown = list.isUnknown(conversationId);
  const thread = own(store.getState().threads, conversationId);
  if (history.available && (!thread || messageCount(thread) === 0)) {
    await history.read(conversationId, null, false).catch((error: unknown) => {
      const problem = asParleyError(error);
      // Not ours to read: the caller hears it. A backend's fault (a 500) is only reported, and
      // the live feed stays open.
      if (/^(forbidden|not-found|unauthorized)$/.test(problem.code)) throw problem;
      parts.report(problem);
    });
  }
  // After the history: a backend may know a conversation's name only from its messages.
  list.meet(conversationId, unknown);
}

/** Stops live events for a conversation (what it holds stays in the store). */
export function closeConversation(parts: ClientParts, conversationId: string): void {
  parts.sync.watched.delete(conversationId);
  parts.typingSender.stop(conversationId);
  parts.session.unwatch?.(conversationId);
}

/** Loads the next older page, from the cache when it has it; resolves with whether more remain. */
export async function loadOlder(parts: ClientParts, conversationId: string): Promise<boolean> {
  await parts.ready;
  const thread = own(parts.store.getState().threads, conversationId);
  if (thread && !thread.hasMore) return false;
  const cached = await parts.cache?.older(
    conversationId,
    parts.options.pageSize ?? DEFAULT_PAGE_SIZE,
  );
  if (typeof cached === "boolean") return cached;
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
