import type { ServerProfile } from "../../dialect.js";

/**
 * Where friends-ws under the `field` profile behaves as the deployed backend does (the
 * Summer2025SWD391_SE1753_Group2_BE repository, seed 001) rather than as the seed reads. Every
 * switch names the upstream file it comes from; `docs/friends-ws.md` ("Field profile") lists
 * them with what a client sees.
 */
export interface FriendsProfile {
  readonly name: ServerProfile;
  /** Longest message text (`app/schemas/message.py`: `max_length=1000`). */
  readonly maxContentChars: number | null;
  /**
   * Socket refusals as `{"type": "error", "message"}` without `code`, or no answer at all
   * (`endpoints/chat.py`: `handle_send_message`, `handle_mark_read`, `handle_typing_indicator`).
   */
  readonly codelessErrors: boolean;
  /** A refused token gets HTTP 403 at the upgrade (`core/websocket_deps.py` closes before accept). */
  readonly refuseAtUpgrade: boolean;
  /** `friend_online` / `friend_offline` are sent (our extension; upstream has none). */
  readonly presenceFrames: boolean;
  /** `PUT /messages/{id}/read` tells the sockets (upstream's `create_task` from a sync route fails). */
  readonly restReadNotifies: boolean;
  /**
   * Reading history marks incoming messages read, silently, where the seed profile marks them
   * delivered and tells the sender (`services/message_service.py`: `get_chat_history`).
   */
  readonly historyMarksRead: boolean;
  /** Delete answers 204 without a body and tells nobody (`endpoints/chat.py`). */
  readonly silentDelete: boolean;
  /** One socket per user, the newest; any close forgets the user (`core/websocket_manager.py`). */
  readonly singleSocket: boolean;
  /** Token claims: `sub` is the username on the socket, `user_id` and `role` on REST. */
  readonly upstreamClaims: boolean;
  /** Timestamps as Python's `isoformat()`: microseconds and `+00:00`. */
  readonly time: (ms: number) => string;
}

/** `2024-01-01T12:00:00.123000+00:00`, or without the fraction when it is zero, as Python does. */
export function pythonIsoTime(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2024-01-01T12:00:00.123Z
  const fraction = iso.slice(20, 23);
  return `${iso.slice(0, 19)}${fraction === "000" ? "" : `.${fraction}000`}+00:00`;
}

const isoTime = (ms: number) => new Date(ms).toISOString();

export function friendsProfile(name: ServerProfile): FriendsProfile {
  const field = name === "field";
  return {
    name,
    maxContentChars: field ? 1000 : null,
    codelessErrors: field,
    refuseAtUpgrade: field,
    presenceFrames: !field,
    restReadNotifies: !field,
    historyMarksRead: field,
    silentDelete: field,
    singleSocket: field,
    upstreamClaims: field,
    time: field ? pythonIsoTime : isoTime,
  };
}
