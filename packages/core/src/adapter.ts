import type { TokenPurpose } from "./auth.js";
import type { Capabilities } from "./capabilities.js";
import type { Timers } from "./environment.js";
import type { ParleyError } from "./errors.js";
import type { Attachment, Conversation, Message, Presence } from "./model.js";

/** A message the client asks an adapter to send. */
export interface OutgoingMessage {
  clientId: string;
  conversationId: string;
  text: string;
  replyTo?: string;
  attachments?: Attachment[];
  /** Dialect fields to send along (e.g. support-socketio's `appointment_id`). */
  extra?: Record<string, unknown>;
}

/** A person as the wire names them, the name or picture possibly missing. */
export interface WirePerson {
  id: string;
  name?: string | null | undefined;
  avatarUrl?: string | null | undefined;
}

/** A page of history, oldest first, with the cursor of the next older page (null at the start). */
export interface HistoryPage {
  messages: Message[];
  cursor: string | null;
}

/**
 * What an adapter reports to the client. The client merges messages by id and matches a
 * confirmation of its own send to the pending message, so adapters report what the wire says.
 */
export type AdapterEvent =
  /** The link is ready; `userId` is who the server says we are, in the adapter's id space. */
  | { type: "ready"; userId: string }
  /** A message from the wire: new, an echo of our own, or an update of a known one. */
  | { type: "message"; message: Message }
  /** Receipts for messages we sent (or, with `readerId`, read markers of others). */
  | { type: "status"; conversationId: string; messageIds: string[]; status: "delivered" | "read" }
  /** Everything up to `messageId` (or all) in a conversation was read by `readerId`. */
  | { type: "read"; conversationId: string; readerId: string; upTo?: string }
  | { type: "deleted"; conversationId: string; messageId: string }
  /**
   * A message changed (an edit): applied only to a message the client holds. An edit of one it
   * does not hold (forged, or of history never loaded) adds nothing; the message arrives as
   * itself when its history is read.
   */
  | { type: "edited"; message: Message }
  /**
   * Messages the adapter read back from history on its own (to learn what the live wire did not
   * say, such as the time of our own sends), as a stretch of the server's order: merged like a
   * page, so messages of one millisecond take that order. No paging, and only messages the
   * client was told of before: one still on its way arrives as itself.
   */
  | { type: "read-back"; conversationId: string; messages: Message[] }
  | { type: "typing"; conversationId: string; userId: string; typing: boolean }
  | { type: "presence"; userId: string; presence: Presence }
  | { type: "conversation"; conversation: Conversation }
  /**
   * People a frame or a page names (a message's sender): for the user directory, told before the
   * messages themselves, so a name shows from the first frame. Those without a name are ignored.
   * Not part of the store.
   */
  | { type: "people"; people: WirePerson[] }
  /** The server offers more (or less) than the documented protocol, e.g. an extension. */
  | { type: "capabilities"; capabilities: Partial<Capabilities> }
  /** The link broke; `error.code === "unauthorized"` stops reconnection. */
  | { type: "closed"; error: ParleyError }
  /** Something was wrong but nothing is lost (a malformed frame, an error frame). */
  | { type: "error"; error: ParleyError };

/** What the client gives an adapter session. */
export interface AdapterContext {
  /** The backend's base URL, `http(s)://host:port`. */
  url: string;
  /**
   * A valid token for a purpose (`socket` or `rest`, the default); calls the app's provider when
   * the cached one was refused or expired.
   */
  token(options?: { refresh?: boolean; purpose?: TokenPurpose }): Promise<string>;
  fetch: typeof fetch;
  /** A WebSocket constructor (the global one in browsers, `ws` in Node). */
  WebSocket?: unknown;
  emit(event: AdapterEvent): void;
  /** Timers and the clock: adapters and their transports use these, never the globals. */
  timers: Timers;
  /** Randomness in [0, 1) (jitter, ids). */
  random(): number;
}

/**
 * One live link to one backend, created by an adapter for a client. The client owns
 * reconnection: after `closed` it calls `connect()` again when its backoff says so.
 * Everything optional is a capability; the client checks `capabilities` before calling.
 */
export interface AdapterSession {
  /** Opens the link; resolves once ready (after `ready` was emitted), rejects with a ParleyError. */
  connect(): Promise<void>;
  /** Closes the link for good or before a reconnect; emits nothing. */
  disconnect(): void;
  /**
   * Sends a message. Resolves with the server's copy when the dialect confirms it (the client
   * matches it to `clientId`), or null when confirmation arrives as a `message` event.
   */
  send(message: OutgoingMessage): Promise<Message | null>;
  /** History of a conversation, the page older than `cursor` (null: the newest page). */
  history?(conversationId: string, cursor: string | null, limit: number): Promise<HistoryPage>;
  conversations?(): Promise<Conversation[]>;
  /** Marks the conversation read up to a message (or entirely). */
  markRead?(conversationId: string, upTo?: Message): Promise<void>;
  typing?(conversationId: string, typing: boolean): void;
  edit?(message: Message, text: string): Promise<Message>;
  delete?(message: Message): Promise<void>;
  /** Uploads a file; reports progress from 0 to 1. */
  upload?(file: Blob, name: string, onProgress?: (fraction: number) => void): Promise<Attachment>;
  setStatus?(status: string): void;
  /**
   * Starts receiving a conversation's live events (a room join, a per-chat socket). May resolve
   * once they flow: the client fetches history after that (waiting a few seconds at most), so
   * nothing stored in between is missed.
   */
  watch?(conversationId: string): void | Promise<void>;
  unwatch?(conversationId: string): void;
  /** Sends the dialect's keepalive, when it has one; resolves when the server answers. */
  ping?(): Promise<void>;
  /**
   * How many sends of one conversation may be on the wire at once, waiting for their answers.
   * More than one only where the dialect matches every answer to its own send, in the
   * documented protocol and on the deployed backend alike (acknowledgements in send order,
   * echoes matched in order and by content, ids echoed back). Sends go out in order either way.
   * @default 1
   */
  readonly sendWindow?: number;
  /**
   * True when the transport finds a dead link by itself and reports it as `closed` (Socket.IO's
   * own ping/pong): the client then never re-establishes a link only because it was silent.
   */
  readonly detectsDeadLinks?: boolean;
}

/** A backend dialect: its capabilities and a way to open sessions. */
export interface ChatAdapter {
  readonly name: string;
  readonly capabilities: Capabilities;
  createSession(context: AdapterContext): AdapterSession;
}
