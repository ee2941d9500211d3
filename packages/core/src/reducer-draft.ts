import type { Conversation, Message } from "./model.js";
import { type IdRecord, idRecord, own } from "./records.js";
import type { ChatState } from "./state.js";
import { emptyThread, findMessage, fromEnd, merge, mergeMessages, type Thread } from "./thread.js";

/**
 * The next state while a batch of events is applied: threads and conversations are copied once
 * per batch, and wire messages of one conversation are buffered and merged in one pass. Read and
 * changed only through the functions below (plain functions, so a minifier can shorten them).
 */
export interface Draft {
  state: ChatState;
  /** The state's records until the first change of the batch, then a copy of them. */
  threads: IdRecord<Thread>;
  conversations: IdRecord<Conversation>;
  /** Wire messages per conversation, held until it is next touched or the batch ends. */
  readonly pending: Map<string, Message[]>;
  threadsChanged: boolean;
  conversationsChanged: boolean;
}

export function startDraft(state: ChatState): Draft {
  return {
    state,
    threads: state.threads,
    conversations: state.conversations,
    pending: new Map(),
    threadsChanged: false,
    conversationsChanged: false,
  };
}

export function threadOf(draft: Draft, id: string): Thread {
  return own(draft.threads, id) ?? emptyThread;
}

/** The conversation, or a new direct one with nothing known about it. */
export function conversationOf(draft: Draft, id: string): Conversation {
  return own(draft.conversations, id) ?? { id, kind: "direct", participants: [], unreadCount: 0 };
}

export function knows(draft: Draft, conversationId: string): boolean {
  return own(draft.conversations, conversationId) !== undefined;
}

/** The record a batch writes into: the state's, copied on the batch's first change to it. */
function writable<T>(record: IdRecord<T>, copied: boolean): Record<string, T> {
  return copied ? (record as Record<string, T>) : idRecord(record);
}

export function setConversation(draft: Draft, conversation: Conversation): void {
  const conversations = writable(draft.conversations, draft.conversationsChanged);
  conversations[conversation.id] = conversation;
  draft.conversations = conversations;
  draft.conversationsChanged = true;
}

/** Makes sure the conversation is listed (a thread with no list entry yet). */
export function listConversation(draft: Draft, id: string): void {
  if (!knows(draft, id)) setConversation(draft, conversationOf(draft, id));
}

export function setThread(draft: Draft, id: string, thread: Thread): void {
  if (own(draft.threads, id) === thread) return;
  const threads = writable(draft.threads, draft.threadsChanged);
  threads[id] = thread;
  draft.threads = threads;
  draft.threadsChanged = true;
}

/** Holds a wire message until its conversation is next touched or the batch ends. */
export function buffer(draft: Draft, message: Message): void {
  const list = draft.pending.get(message.conversationId);
  if (list) list.push(message);
  else draft.pending.set(message.conversationId, [message]);
}

/** Merges the buffered wire messages of one conversation, counting new unread ones. */
export function flush(draft: Draft, conversationId: string): void {
  const batch = draft.pending.get(conversationId);
  if (!batch) return;
  draft.pending.delete(conversationId);
  const before = threadOf(draft, conversationId);
  const { thread: after, added } = merge(before, batch);
  if (after === before) return;
  setThread(draft, conversationId, after);
  let fresh = 0;
  for (const clientId of added) {
    const message = findMessage(after, clientId);
    if (message && message.senderId !== draft.state.me && !message.deleted) fresh += 1;
  }
  const c = conversationOf(draft, conversationId);
  const lastMessage = fromEnd(after, 0) ?? c.lastMessage;
  if (fresh > 0 || lastMessage !== c.lastMessage || !knows(draft, conversationId)) {
    setConversation(draft, {
      ...c,
      unreadCount: c.unreadCount + fresh,
      ...(lastMessage ? { lastMessage } : {}),
    });
  }
}

/**
 * Applies `update` to the messages `pick` finds in a conversation's thread (through its index,
 * never by reading every message); null or the same message: no change.
 */
export function updateMessages(
  draft: Draft,
  conversationId: string,
  pick: (thread: Thread) => Iterable<Message | undefined>,
  update: (m: Message) => Message | null,
): void {
  flush(draft, conversationId);
  const thread = threadOf(draft, conversationId);
  const changed: Message[] = [];
  for (const message of pick(thread)) {
    const updated = message && update(message);
    if (message && updated && updated !== message) changed.push(updated);
  }
  if (changed.length > 0) setThread(draft, conversationId, mergeMessages(thread, changed));
}

/** The state with every change of the batch. */
export function finishDraft(draft: Draft): ChatState {
  // flush deletes the entry it merges, which a Map's iteration allows.
  for (const conversationId of draft.pending.keys()) flush(draft, conversationId);
  let next = draft.state;
  if (draft.threadsChanged) next = { ...next, threads: draft.threads };
  if (draft.conversationsChanged) next = { ...next, conversations: draft.conversations };
  return next;
}
