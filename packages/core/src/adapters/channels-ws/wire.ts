import type { Conversation, Message } from "../../model.js";

/**
 * The JSON shapes of the channels-ws protocol, as its documentation gives them, and their Parley
 * forms.
 */

export type SenderType = "patient" | "professional";

export interface WireMessage {
  id: string;
  content: string;
  sender_type: SenderType;
  created_at: string;
}

export interface WireChat {
  id: string;
  patient: string;
  professional: string;
  created_at?: string;
  last_message?: WireMessage | null;
}

export interface WirePage {
  count: number;
  next: string | null;
  previous: string | null;
  results: WireMessage[];
}

/** `{message: {...}}` or `{error: "..."}`; anything else is malformed. */
export function parseFrame(text: string): { message: WireMessage } | { error: string } | null {
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch {
    return null;
  }
  if (!frame || typeof frame !== "object") return null;
  const record = frame as Record<string, unknown>;
  if (typeof record.error === "string") return { error: record.error };
  const message = record.message as Record<string, unknown> | undefined;
  if (
    message &&
    typeof message.id === "string" &&
    typeof message.content === "string" &&
    (message.sender_type === "patient" || message.sender_type === "professional") &&
    typeof message.created_at === "string"
  ) {
    return { message: message as unknown as WireMessage };
  }
  return null;
}

/**
 * A message of chat `chatId` in Parley's form. The frame names no sender, only its role: the
 * sender is whoever holds `sender_type` in the chat (`chat`, from the chat list extension).
 * Without the list, a message in our own role (`myRole`, the `sender_type` of our own echoes
 * in this chat) is ours (`me`), which lets the outbox match it. This assumes one role per user
 * per chat, as a 1:1 patient-professional chat has. Any other message is left with the role
 * name as its sender id: the protocol gives the other participant's id nowhere.
 */
export function toMessage(
  chatId: string,
  wire: WireMessage,
  chat?: WireChat,
  me?: string | null,
  myRole?: SenderType,
): Message {
  const senderId = chat
    ? chat[wire.sender_type]
    : me && wire.sender_type === myRole
      ? me
      : wire.sender_type;
  return {
    clientId: `id:${wire.id}`,
    id: wire.id,
    conversationId: chatId,
    senderId,
    text: wire.content,
    createdAt: wire.created_at,
    status: "sent",
    extra: { sender_type: wire.sender_type },
  };
}

/** A chat of the list; `message` maps its last message (see {@link toMessage}). */
export function toConversation(
  chat: WireChat,
  message: (chatId: string, wire: WireMessage) => Message,
): Conversation {
  return {
    id: chat.id,
    kind: "direct",
    participants: [
      { id: chat.patient, role: "patient" },
      { id: chat.professional, role: "professional" },
    ],
    unreadCount: 0,
    ...(chat.last_message ? { lastMessage: message(chat.id, chat.last_message) } : {}),
  };
}
