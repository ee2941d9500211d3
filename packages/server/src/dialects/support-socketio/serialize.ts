import type { MessageRow } from "./store.js";

/** A message in the seed's shape; `is_read` is an extension. */
export function messageJson(row: MessageRow) {
  return {
    _id: row.id,
    sender_id: row.sender_id,
    receiver_id: row.receiver_id,
    message_text: row.message_text,
    timestamp: row.timestamp,
    appointment_id: row.appointment_id,
    service_id: row.service_id,
    is_read: row.read_at !== null,
  };
}

export type MessageJson = ReturnType<typeof messageJson>;

/**
 * A message as the deployed backend stores and relays it (services/chat_web_socket.py): the
 * text in `content`, a `message_type`, no `appointment_id`/`service_id`, and `read`/`read_at`
 * only once `mark_read` set them.
 */
export function fieldMessageJson(row: MessageRow) {
  return {
    _id: row.id,
    sender_id: row.sender_id,
    receiver_id: row.receiver_id,
    content: row.message_text,
    timestamp: row.timestamp,
    message_type: "text",
    ...(row.read_at === null ? {} : { read: true, read_at: row.read_at }),
  };
}
