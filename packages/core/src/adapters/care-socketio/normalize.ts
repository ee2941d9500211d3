import type { OutgoingMessage } from "../../adapter.js";
import { ParleyError } from "../../errors.js";
import type { Attachment, Conversation, Message, Presence } from "../../model.js";
import type {
  WireConversation,
  WireLastMessage,
  WireMessage,
  WireMessageType,
  WireStatus,
} from "./wire.js";

/**
 * Conversations are keyed by the other user's id (the doctor for a patient, the patient for a
 * doctor): that is what `send_message {receiverId}`, `mark_read {senderId}` and the history
 * path `/chat/conversations/:otherUserId` take. The seed's own `a_b` key is kept in
 * `extra.conversationId`.
 */
export function conversationOf(wire: WireMessage, me: string): string {
  return wire.sender._id === me ? wire.receiver._id : wire.sender._id;
}

/** Wire message to Parley's form; `messageType`, the seed's key and names go to `extra`. */
export function toMessage(wire: WireMessage, me: string): Message {
  const attachments: Attachment[] | undefined =
    wire.fileUrl && wire.messageType !== "text"
      ? [
          {
            url: wire.fileUrl,
            type: wire.messageType,
            ...(wire.fileName ? { name: wire.fileName } : {}),
          },
        ]
      : undefined;
  return {
    clientId: `id:${wire._id}`,
    id: wire._id,
    conversationId: conversationOf(wire, me),
    senderId: wire.sender._id,
    text: wire.content,
    createdAt: wire.createdAt,
    status: wire.isRead ? "read" : "sent",
    ...(attachments ? { attachments } : {}),
    extra: {
      messageType: wire.messageType,
      ...(wire.conversationId ? { conversationId: wire.conversationId } : {}),
      ...(wire.readAt ? { readAt: wire.readAt } : {}),
      ...(wire.sender.role ? { senderRole: wire.sender.role } : {}),
      ...(wire.sender.fullname ? { senderName: wire.sender.fullname } : {}),
    },
  };
}

function lastMessage(wire: WireLastMessage, otherId: string): Message {
  return {
    // Without the `_id` extension the entry has no server id: it stays a summary.
    clientId: wire._id ? `id:${wire._id}` : `last:${otherId}:${wire.createdAt}`,
    ...(wire._id ? { id: wire._id } : {}),
    conversationId: otherId,
    senderId: wire.sender,
    text: wire.content,
    createdAt: wire.createdAt,
    status: "sent",
    extra: { messageType: wire.messageType },
  };
}

export function toConversation(wire: WireConversation, me: string): Conversation {
  const other = wire.otherUser;
  return {
    id: other._id,
    kind: "direct",
    ...(other.fullname ? { title: other.fullname } : {}),
    participants: [
      { id: me },
      {
        id: other._id,
        ...(other.fullname ? { name: other.fullname } : {}),
        ...(other.role ? { role: other.role } : {}),
      },
    ],
    ...(wire.lastMessage ? { lastMessage: lastMessage(wire.lastMessage, other._id) } : {}),
    unreadCount: wire.unreadCount,
    extra: {
      ...(wire.conversationId ? { conversationId: wire.conversationId } : {}),
      ...(other.email ? { email: other.email } : {}),
    },
  };
}

export function toPresence(wire: WireStatus): Presence {
  return { online: wire.isOnline, ...(wire.status ? { status: wire.status } : {}) };
}

/** The `send_message` payload of an outgoing message (one attachment at most). */
export interface SendPayload {
  receiverId: string;
  content: string;
  messageType: WireMessageType;
  fileUrl: string | null;
  fileName: string | null;
}

export function toSendPayload(outgoing: OutgoingMessage): SendPayload {
  const attachments = outgoing.attachments ?? [];
  if (attachments.length > 1) {
    throw new ParleyError("invalid-input", "Only one attachment per message");
  }
  const file = attachments[0];
  const declared = outgoing.extra?.messageType;
  const messageType: WireMessageType = !file
    ? "text"
    : declared === "image" || declared === "file"
      ? declared
      : /^image(\/|$)/.test(file.type ?? "")
        ? "image"
        : "file";
  return {
    receiverId: outgoing.conversationId,
    content: outgoing.text,
    messageType,
    fileUrl: file?.url ?? null,
    fileName: file?.name ?? null,
  };
}

/** What the server's `error {message}` means, as a ParleyError. */
export const errorFromServer = (message: string): ParleyError =>
  new ParleyError(
    /too many requests/i.test(message)
      ? "rate-limited"
      : /internal server error/i.test(message)
        ? "server"
        : /not found/i.test(message)
          ? "not-found"
          : /only message|inactive|not allowed|denied|permission/i.test(message)
            ? "forbidden"
            : /too long/i.test(message)
              ? "payload-too-large"
              : /unknown event/i.test(message)
                ? "protocol"
                : /authenticat|token/i.test(message)
                  ? "unauthorized"
                  : "invalid-input",
    message,
  );
