import type { Directory } from "../../fixtures/directory.js";
import type { MessageRow, MessageStatus } from "./store.js";

/** The documented account summary (`sender` / `receiver`). */
export interface AccountJson {
  account_id: string;
  username: string;
  full_name: string;
  avatar: string | null;
}

/** The documented REST message object. */
export interface MessageJson {
  message_id: string;
  sender_id: string;
  receiver_id: string;
  content: string;
  status: MessageStatus;
  is_deleted: boolean;
  created_at: string;
  updated_at: string;
  read_at: string | null;
  sender: AccountJson;
  receiver: AccountJson;
}

/** The documented `new_message.message` payload (a subset of the REST object). */
export interface LiveMessageJson {
  message_id: string;
  sender_id: string;
  receiver_id: string;
  content: string;
  status: MessageStatus;
  created_at: string;
  sender: AccountJson;
}

/** Turns rows into the documented JSON shapes, resolving accounts from the fixtures. */
export class Serializer {
  constructor(private readonly directory: Directory) {}

  account(userId: string): AccountJson {
    const user = this.directory.user(userId);
    return {
      account_id: userId,
      // A fixture user without a username still needs one; the id is stable and unique.
      username: user?.username ?? userId,
      full_name: user?.name ?? "",
      avatar: user?.avatar ?? null,
    };
  }

  message(row: MessageRow): MessageJson {
    return {
      message_id: row.message_id,
      sender_id: row.sender_id,
      receiver_id: row.receiver_id,
      content: row.content,
      status: row.status,
      is_deleted: row.is_deleted === 1,
      created_at: row.created_at,
      updated_at: row.updated_at,
      read_at: row.read_at,
      sender: this.account(row.sender_id),
      receiver: this.account(row.receiver_id),
    };
  }

  live(row: MessageRow): LiveMessageJson {
    return {
      message_id: row.message_id,
      sender_id: row.sender_id,
      receiver_id: row.receiver_id,
      content: row.content,
      status: row.status,
      created_at: row.created_at,
      sender: this.account(row.sender_id),
    };
  }
}

/** The server clock as the ISO 8601 UTC text every timestamp uses. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
