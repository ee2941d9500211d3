import type { AdapterEvent } from "../../adapter.js";
import type { Conversation, Message } from "../../model.js";
import type { Roster } from "./roster.js";
import type { WireChatUser, WireMessage, WireRead, WireTyping } from "./wire.js";

/**
 * A wire message in Parley's form. `conversationId` is the non-admin user's id (see
 * {@link Roster}); `senderId` is the sender's user id, the id space of `ready`; `is_read`
 * becomes status "read"; `appointment_id`, `service_id` and `receiver_id` stay in `extra`.
 */
export function toMessage(wire: WireMessage, roster: Roster): Message {
  roster.learn(wire.sender_id, wire.receiver_id, wire.timestamp);
  return {
    clientId: `id:${wire._id}`,
    id: wire._id,
    conversationId: roster.conversationOf(wire.sender_id, wire.receiver_id),
    senderId: wire.sender_id,
    text: wire.message_text,
    createdAt: wire.timestamp,
    status: wire.is_read ? "read" : "sent",
    extra: {
      appointment_id: wire.appointment_id,
      service_id: wire.service_id,
      receiver_id: wire.receiver_id,
    },
  };
}

/**
 * A row of the admin's user list. The list gives the last message's text and time only, so
 * `lastMessage` is a preview: no server id, an unknown sender (`""`), `extra.preview` true.
 */
export function toConversation(user: WireChatUser): Conversation {
  const conversation: Conversation = {
    id: user.user_id,
    kind: "direct",
    participants: [
      { id: user.user_id, role: "user", ...(user.user_name ? { name: user.user_name } : {}) },
    ],
    unreadCount: user.unread_count,
  };
  if (user.user_name) conversation.title = user.user_name;
  if (user.last_message !== null) {
    conversation.lastMessage = {
      clientId: `preview:${user.user_id}`,
      conversationId: user.user_id,
      senderId: "",
      text: user.last_message,
      createdAt: user.last_message_time ?? new Date(0).toISOString(),
      status: "sent",
      extra: { preview: true },
    };
  }
  return conversation;
}

/**
 * A user's one conversation with the desk, from their newest messages: unread are the admins'
 * messages the server has not marked read (`is_read`, an extension; without it, all of them).
 */
export function deskConversation(roster: Roster, messages: readonly Message[]): Conversation {
  const last = messages.at(-1);
  return {
    id: roster.me,
    kind: "direct",
    title: "Support",
    participants: [
      { id: roster.me, role: "user" },
      ...[...roster.admins].map((id) => ({ id, role: "admin" })),
    ],
    unreadCount: messages.filter((m) => m.senderId !== roster.me && m.status !== "read").length,
    ...(last ? { lastMessage: last } : {}),
  };
}

/** The `appointment_id` / `service_id` of an outgoing message's `extra` (strings or null). */
export function references(extra: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ["appointment_id", "service_id"]) {
    const value = extra?.[key];
    if (typeof value === "string" || value === null) out[key] = value;
    else if (typeof value === "number") out[key] = String(value);
  }
  return out;
}

export function typingEvent(wire: WireTyping, roster: Roster): AdapterEvent {
  return {
    type: "typing",
    conversationId: roster.conversationOf(wire.sender_id, wire.receiver_id),
    userId: wire.sender_id,
    typing: wire.is_typing,
  };
}

/**
 * `messages_read`: `reader_id` read the messages `sender_id` sent them. Our own messages read
 * by the other side mark them read; a read by us or, on the shared desk, by any admin of a
 * user's messages clears our unread count there. Null when it concerns nobody we track.
 */
export function readEvent(wire: WireRead, roster: Roster): AdapterEvent | null {
  const { me } = roster;
  if (roster.role === "user") {
    if (wire.sender_id === me)
      return { type: "read", conversationId: me, readerId: wire.reader_id };
    if (wire.reader_id === me) return { type: "read", conversationId: me, readerId: me };
    return null;
  }
  if (wire.sender_id === me) {
    roster.users.add(wire.reader_id);
    return { type: "read", conversationId: wire.reader_id, readerId: wire.reader_id };
  }
  // A user read another admin's messages: nothing of ours changed.
  if (roster.admins.has(wire.sender_id) || roster.users.has(wire.reader_id)) return null;
  return { type: "read", conversationId: wire.sender_id, readerId: me };
}
