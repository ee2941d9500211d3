import type { CareAccess } from "./access.js";
import type { MessageType } from "./schemas.js";
import type { MessageRow } from "./store.js";

/** A user as the seed populates `sender`, `receiver` and `otherUser`. */
export interface UserJson {
  _id: string;
  fullname: string;
  email: string | null;
  role: "doctor" | "patient";
}

/** The documented message JSON, with `sender` and `receiver` populated. */
export interface MessageJson {
  _id: string;
  sender: UserJson;
  receiver: UserJson;
  content: string;
  messageType: MessageType;
  fileUrl: string | null;
  fileName: string | null;
  isRead: boolean;
  readAt: string | null;
  conversationId: string;
  createdAt: string;
  updatedAt: string;
}

/** An entry of `GET /chat/conversations` (and of `/chat/search`, `/users/conversations`). */
export interface ConversationJson {
  conversationId: string;
  otherUser: UserJson;
  lastMessage: {
    _id: string;
    content: string;
    messageType: MessageType;
    createdAt: string;
    sender: string;
  } | null;
  unreadCount: number;
}

/** Turns rows into the JSON shapes the seed documents. */
export class Serializer {
  constructor(private readonly access: CareAccess) {}

  /** `userId` as seen in a conversation with `otherId` (the relation decides the role). */
  user(userId: string, otherId?: string): UserJson {
    const user = this.access.user(userId);
    return {
      _id: userId,
      // A message can outlive its author in the fixtures; show the id rather than fail.
      fullname: user?.name ?? userId,
      email: user?.email ?? null,
      role: this.access.roleOf(userId, otherId),
    };
  }

  message(row: MessageRow): MessageJson {
    return {
      _id: row.id,
      sender: this.user(row.sender, row.receiver),
      receiver: this.user(row.receiver, row.sender),
      content: row.content,
      messageType: row.message_type,
      fileUrl: row.file_url,
      fileName: row.file_name,
      isRead: row.is_read === 1,
      readAt: row.read_at,
      conversationId: row.conversation_id,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  conversation(
    me: string,
    otherId: string,
    conversationId: string,
    last: MessageRow | undefined,
    unreadCount: number,
  ): ConversationJson {
    return {
      conversationId,
      otherUser: this.user(otherId, me),
      lastMessage: last
        ? {
            _id: last.id,
            content: last.content,
            messageType: last.message_type,
            createdAt: last.created_at,
            sender: last.sender,
          }
        : null,
      unreadCount,
    };
  }
}
