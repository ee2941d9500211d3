import type { Conversation, Message } from "./model.js";
import { idRecord, own } from "./records.js";
import type { ChatState } from "./state.js";
import { emptyThread, findMessage, merge, mergeMessages, type Thread } from "./thread.js";

/**
 * The next state while a batch of events is applied: threads and conversations are copied once
 * per batch, and wire messages of one conversation are buffered and merged in one pass.
 */
export class Draft {
  state: ChatState;
  readonly #threads: Record<string, Thread>;
  readonly #conversations: Record<string, Conversation>;
  readonly #pending = new Map<string, Message[]>();
  #threadsChanged = false;
  #conversationsChanged = false;

  constructor(state: ChatState) {
    this.state = state;
    this.#threads = idRecord(state.threads);
    this.#conversations = idRecord(state.conversations);
  }

  thread(id: string): Thread {
    return own(this.#threads, id) ?? emptyThread;
  }

  /** The conversation, or a new direct one with nothing known about it. */
  conversation(id: string): Conversation {
    return own(this.#conversations, id) ?? { id, kind: "direct", participants: [], unreadCount: 0 };
  }

  knows(conversationId: string): boolean {
    return own(this.#conversations, conversationId) !== undefined;
  }

  setConversation(conversation: Conversation): void {
    this.#conversations[conversation.id] = conversation;
    this.#conversationsChanged = true;
  }

  /** Makes sure the conversation is listed (a thread with no list entry yet). */
  listConversation(id: string): void {
    if (!this.knows(id)) this.setConversation(this.conversation(id));
  }

  setThread(id: string, thread: Thread): void {
    if (own(this.#threads, id) === thread) return;
    this.#threads[id] = thread;
    this.#threadsChanged = true;
  }

  /** Holds a wire message until its conversation is next touched or the batch ends. */
  buffer(message: Message): void {
    const list = this.#pending.get(message.conversationId);
    if (list) list.push(message);
    else this.#pending.set(message.conversationId, [message]);
  }

  /** Merges the buffered wire messages of one conversation, counting new unread ones. */
  flush(conversationId: string): void {
    const batch = this.#pending.get(conversationId);
    if (!batch) return;
    this.#pending.delete(conversationId);
    const before = this.thread(conversationId);
    const { thread: after, added } = merge(before, batch);
    if (after === before) return;
    this.setThread(conversationId, after);
    let fresh = 0;
    for (const clientId of added) {
      const message = findMessage(after, clientId);
      if (message && message.senderId !== this.state.me && !message.deleted) fresh += 1;
    }
    const c = this.conversation(conversationId);
    const lastMessage = after.messages.at(-1) ?? c.lastMessage;
    if (fresh > 0 || lastMessage !== c.lastMessage || !this.knows(conversationId)) {
      this.setConversation({
        ...c,
        unreadCount: c.unreadCount + fresh,
        ...(lastMessage ? { lastMessage } : {}),
      });
    }
  }

  /** Applies `update` to every message of a conversation; null or the same message: no change. */
  updateMessages(conversationId: string, update: (m: Message) => Message | null): void {
    this.flush(conversationId);
    const thread = this.thread(conversationId);
    const changed: Message[] = [];
    for (const message of thread.messages) {
      const updated = update(message);
      if (updated && updated !== message) changed.push(updated);
    }
    if (changed.length > 0) this.setThread(conversationId, mergeMessages(thread, changed));
  }

  /** The state with every change of the batch. */
  finish(): ChatState {
    for (const conversationId of [...this.#pending.keys()]) this.flush(conversationId);
    let next = this.state;
    if (this.#threadsChanged) next = { ...next, threads: this.#threads };
    if (this.#conversationsChanged) next = { ...next, conversations: this.#conversations };
    return next;
  }
}
