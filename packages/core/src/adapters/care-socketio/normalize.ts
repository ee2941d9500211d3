import type { OutgoingMessage } from "../../adapter.js";
import { ParleyError } from "../../errors.js";
import type { Conversation, Message, Presence } from "../../model.js";
import { compact, textError } from "../../transports/wire.js";
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
  const { fileUrl: url, messageType: type, sender } = wire;
  return {
    clientId: `id:${wire._id}`,
    id: wire._id,
    conversationId: conversationOf(wire, me),
    senderId: sender._id,
    text: wire.content,
    createdAt: wire.createdAt,
    status: wire.isRead ? "read" : "sent",
    ...(url && type !== "text"
      ? { attachments: [{ url, type, ...compact({ name: wire.fileName }) }] }
      : {}),
    extra: compact({
      messageType: type,
      conversationId: wire.conversationId,
      readAt: wire.readAt,
      senderRole: sender.role,
      senderName: sender.fullname,
    }),
  };
}

function lastMessage(wire: WireLastMessage, otherId: string): Message {
  return {
    // Without the `_id` extension the entry has no server id: it stays a summary.
    clientId: wire._id ? `id:${wire._id}` : `last:${otherId}:${wire.createdAt}`,
    ...compact({ id: wire._id }),
    conversationId: otherId,
    senderId: wire.sender._id,
    text: wire.content,
    createdAt: wire.createdAt,
    status: "sent",
    extra: { messageType: wire.messageType },
  };
}

export function toConversation(wire: WireConversation, me: string): Conversation {
  const { _id: id, fullname: name, role, email } = wire.otherUser;
  return {
    id,
    kind: "direct",
    ...compact({ title: name }),
    participants: [{ id: me }, { id, ...compact({ name, role }) }],
    ...(wire.lastMessage ? { lastMessage: lastMessage(wire.lastMessage, id) } : {}),
    unreadCount: wire.unreadCount,
    extra: compact({ conversationId: wire.conversationId, email }),
  };
}

export const toPresence = (wire: WireStatus): Presence => ({
  online: wire.isOnline,
  ...compact({ status: wire.status }),
});

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
  const messageType: WireMessageType = !file
    ? "text"
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

/**
 * True when a `message_sent` answers the send of `payload` (its receiver, content, type and
 * file): the server answers a socket's sends in order, but a send from another tab or over
 * REST is echoed to us too.
 */
export const answers = (payload: SendPayload, message: WireMessage): boolean =>
  message.receiver._id === payload.receiverId &&
  message.content === payload.content &&
  message.messageType === payload.messageType &&
  message.fileUrl === payload.fileUrl;

/** What the server's `error {message}` means, as a ParleyError. */
export const errorFromServer = (message: string): ParleyError =>
  textError(message, [
    [/only message|inactive|not allowed|denied|permission/i, "forbidden"],
    [/unknown event/i, "protocol"],
    [/authenticat|token/i, "unauthorized"],
  ]);
