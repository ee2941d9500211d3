/**
 * Where a message is on its way: local until the server has it, then the receipts. `unconfirmed`:
 * sent, but the backend neither confirmed it nor can show whether it stored it; it is not sent
 * again on its own (that could double it): the user retries or discards it.
 */
export type MessageStatus = "pending" | "sent" | "delivered" | "read" | "failed" | "unconfirmed";

/** A file or image carried by a message. */
export interface Attachment {
  url: string;
  name?: string;
  /** MIME type or a coarse kind ("image", "file", "voice") when the backend gives no type. */
  type?: string;
  size?: number;
}

/** One message in Parley's normalized form, whatever the backend. */
export interface Message {
  /** The client id: stable from the moment of sending; for received messages, `id:<serverId>`. */
  clientId: string;
  /** The server's id, once known. */
  id?: string;
  conversationId: string;
  senderId: string;
  text: string;
  /** ISO 8601; for a pending message the local send time. */
  createdAt: string;
  status: MessageStatus;
  editedAt?: string;
  deleted?: boolean;
  /** Server id of the message this one replies to. */
  replyTo?: string;
  attachments?: Attachment[];
  /** Why the last send attempt failed, on a `failed` message. */
  error?: { code: string; message: string };
  /** The dialect's own fields (e.g. `appointment_id`), kept as the server sent them. */
  extra?: Record<string, unknown>;
}

export interface Participant {
  id: string;
  name?: string;
  avatar?: string | null;
  role?: string;
}

export type ConversationKind = "direct" | "group";

/** A 1:1 or group conversation. */
export interface Conversation {
  id: string;
  kind: ConversationKind;
  title?: string;
  participants: Participant[];
  lastMessage?: Message;
  /** Messages from others not yet read by me, as far as the client knows. */
  unreadCount: number;
  extra?: Record<string, unknown>;
}

/** Online state and, where a backend has one, a status such as "busy". */
export interface Presence {
  online: boolean;
  status?: string;
  lastSeenAt?: string;
}

/**
 * The connection, as one named state. `reconnecting` carries the attempt and when the next
 * try is due; `unauthorized` is terminal until the token changes.
 */
export type ConnectionState =
  | { status: "idle" }
  | { status: "connecting" }
  | { status: "connected" }
  | { status: "reconnecting"; attempt: number; nextRetryAt: number }
  | { status: "offline" }
  | { status: "unauthorized"; reason: string }
  | { status: "closed" };

export type ConnectionStatus = ConnectionState["status"];
