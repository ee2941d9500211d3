import type { LiveMessageJson } from "./serialize.js";
import type { MessageStatus } from "./store.js";

/** Frames the server sends; the ones marked Extension are not in the seed. */
export type OutFrame =
  | { type: "connection_established"; user_id: string; message: string }
  | { type: "online_friends"; friends: string[] }
  | { type: "new_message"; message: LiveMessageJson }
  | { type: "message_sent"; message_id: string; status: MessageStatus }
  | { type: "message_read"; message_id: string; read_by: string }
  /** `is_typing` is a boolean; the field profile relays whatever the typist sent. */
  | { type: "typing_indicator"; user_id: string; is_typing: unknown }
  /** Extension: a `sent` message reached the receiver later (they fetched it). */
  | { type: "message_delivered"; message_id: string; delivered_to: string }
  /** Extension: the sender soft-deleted a message. */
  | { type: "message_deleted"; message_id: string; deleted_by: string }
  /** Extension: an accepted friend opened their first socket. */
  | { type: "friend_online"; user_id: string }
  /** Extension: an accepted friend closed their last socket. */
  | { type: "friend_offline"; user_id: string }
  /**
   * Extension: the frame just received was refused; `code` mirrors the REST status. The field
   * profile sends no `code` (as the deployed backend does).
   */
  | { type: "error"; code?: ErrorCode; message: string };

/** HTTP-like status carried by an `error` frame. */
export type ErrorCode = 400 | 403 | 404 | 422 | 429 | 500;
