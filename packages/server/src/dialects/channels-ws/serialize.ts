import type { ChannelsProfile } from "./profile.js";
import type { ChatRow, MessageRow } from "./store.js";

/** A message as the seed documents it under `message` (`created_at` as the profile writes it). */
export function messageJson(row: MessageRow, profile?: Pick<ChannelsProfile, "timestamp">) {
  return {
    id: row.id,
    content: row.content,
    sender_type: row.sender_type,
    created_at: profile ? profile.timestamp(row.created_at) : row.created_at,
  };
}

/** A chat as `POST /chat/chats/` answers it; `last_message` is for the list extension. */
export function chatJson(row: ChatRow, last?: MessageRow | null) {
  return {
    id: row.id,
    patient: row.patient_id,
    professional: row.professional_id,
    created_at: row.created_at,
    ...(last === undefined ? {} : { last_message: last ? messageJson(last) : null }),
  };
}
