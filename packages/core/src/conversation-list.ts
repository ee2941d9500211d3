import type { AdapterSession } from "./adapter.js";
import type { Timers } from "./environment.js";
import { asParleyError, ParleyError } from "./errors.js";
import type { Conversation } from "./model.js";
import { own } from "./records.js";
import type { ChatStore } from "./state.js";
import type { StoreEvent } from "./store-events.js";

export interface ConversationListOptions {
  session: AdapterSession;
  adapterName: string;
  store: ChatStore;
  dispatch(event: StoreEvent): void;
  report(error: ParleyError): void;
  timers: Timers;
}

/**
 * Keeps the conversation list fresh. Once the app has asked for it, every (re)connection reads it
 * again (what arrived while the live feed was down is only in a list read after it came up), and
 * a read that answers after a later one never overwrites it. Conversations met outside the list
 * (a first message from someone, one opened by id) are named by reading it again, once per
 * conversation, once per burst.
 */
export class ConversationList {
  /** The app asked for the list at least once. */
  wanted = false;
  #reads = 0;
  #landed = 0;
  readonly #met = new Set<string>();
  #timer: unknown;

  readonly #options: ConversationListOptions;

  constructor(options: ConversationListOptions) {
    this.#options = options;
  }

  get available(): boolean {
    return this.#options.session.conversations !== undefined;
  }

  /** The app asks for the list: read it now, and again after every (re)connection. */
  load(): Promise<Conversation[]> {
    if (this.available) this.wanted = true;
    return this.#read();
  }

  /** Reads the list and puts it in the store, unless a later read landed first. */
  async #read(): Promise<Conversation[]> {
    const { session, adapterName, dispatch } = this.#options;
    if (!session.conversations)
      throw new ParleyError("unsupported", `${adapterName} has no conversation list`);
    const read = ++this.#reads;
    const conversations = await session.conversations();
    if (read > this.#landed) {
      this.#landed = read;
      dispatch({ type: "conversations", conversations });
    }
    // One met before the server listed it (opened by id, then written to) may be met again.
    const listed = new Set(conversations.map((c) => c.id));
    for (const id of this.#met) if (!listed.has(id)) this.#met.delete(id);
    return conversations;
  }

  /** A conversation turned up; when the store does not know it, the list is read again soon. */
  meet(conversationId: string, unknown = this.isUnknown(conversationId)): void {
    if (!this.available || !unknown || this.#met.has(conversationId)) return;
    this.#met.add(conversationId);
    if (this.#timer !== undefined) return;
    this.#timer = this.#options.timers.setTimeout(() => {
      this.#timer = undefined;
      this.#read().catch((error: unknown) => this.#options.report(asParleyError(error)));
    }, 200);
  }

  isUnknown(conversationId: string): boolean {
    return own(this.#options.store.getState().conversations, conversationId) === undefined;
  }

  dispose(): void {
    this.#options.timers.clearTimeout(this.#timer);
  }
}
