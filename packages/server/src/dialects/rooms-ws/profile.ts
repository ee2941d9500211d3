import type { ServerProfile } from "../../dialect.js";
import type { Directory, DirectoryUser } from "../../fixtures/directory.js";
import { type ParticipantType, participantOf } from "./participants.js";

/**
 * Where rooms-ws under the `field` profile behaves as the deployed backend does (the
 * naries/salon-backend repository, seed 004) rather than as the seed reads. Each switch names the
 * upstream file it comes from; `docs/rooms-ws.md` ("Field profile") lists what a client sees.
 */
export interface RoomsProfile {
  readonly name: ServerProfile;
  /**
   * `join_chat` answers the joiner with its own `user_joined` (and one per participant already
   * present), `leave_chat` with its own `user_left`. Field: neither; `user_joined`/`user_left` go
   * to the others only (`core/chat_manager.py`: `join_chat_room`, `leave_chat_room`).
   */
  readonly joinAcks: boolean;
  /** The sender's socket gets its echo even when it has not joined (field: joined sockets only). */
  readonly echoUnjoined: boolean;
  /** `message_updated`/`message_deleted` frames after an edit or delete (field: none, `chat.py`). */
  readonly liveChanges: boolean;
  /** A refused socket gets HTTP 403 at the upgrade (`chat_websocket.py` closes before accept). */
  readonly refuseAtUpgrade: boolean;
  /**
   * Everything but the chat lists and chat creation is for staff (`get_current_admin_user` in
   * `chat.py`): a customer's token gets 401 `Could not validate credentials` there.
   */
  readonly staffOnlyRest: boolean;
  /** History answers 500 once a message of the page has a read receipt (`chat.py` bug). */
  readonly historyFailsOnReceipts: boolean;
  /** Upstream's message, page, frame and time shapes (`chat.py`, `chat_websocket.py`). */
  readonly upstreamShapes: boolean;
  /** The id a participant has on the wire (field: staff and customers numbered apart). */
  wireId(numericId: number): number;
  /** The fixture user behind a wire id of a participant type, if any. */
  userOf(type: ParticipantType, wireId: number): DirectoryUser | undefined;
  /** Field: the customer whose phone number a socket token's `sub` is. */
  customerByPhone(sub: string): DirectoryUser | undefined;
  /** A stored time on the wire. */
  time(ms: number): string;
}

/** Python's `isoformat()` of a naive UTC datetime: no zone, microseconds unless zero. */
export function naiveTime(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-01-09T10:30:00.123Z
  const fraction = iso.slice(20, 23);
  return `${iso.slice(0, 19)}${fraction === "000" ? "" : `.${fraction}000`}`;
}

/**
 * The phone number of the field's customer number `n`: fixtures have no phone, so it is derived
 * (`+1555` and the number on 7 digits: customer 1 is `+15550000001`).
 */
export const fieldPhone = (n: number): string => `+1555${String(n).padStart(7, "0")}`;

export function roomsProfile(name: ServerProfile, directory: Directory): RoomsProfile {
  const field = name === "field";
  // Field: staff and customers each numbered 1, 2, ... in the order of their fixture numericId.
  const toWire = new Map<number, number>();
  const fromWire = new Map<string, DirectoryUser>();
  const counts = { user: 0, customer: 0 };
  for (const user of [...directory.users].sort((a, b) => a.numericId - b.numericId)) {
    const participant = participantOf(user);
    if (!participant) continue;
    const id = field ? ++counts[participant.type] : user.numericId;
    toWire.set(user.numericId, id);
    fromWire.set(`${participant.type}:${id}`, user);
  }
  return {
    name,
    joinAcks: !field,
    echoUnjoined: !field,
    liveChanges: !field,
    refuseAtUpgrade: field,
    staffOnlyRest: field,
    historyFailsOnReceipts: field,
    upstreamShapes: field,
    wireId: (numericId) => toWire.get(numericId) ?? numericId,
    userOf: (type, wireId) => fromWire.get(`${type}:${wireId}`),
    customerByPhone: (sub) => {
      const match = field ? /^\+1555(\d{7})$/.exec(sub) : null;
      return match ? fromWire.get(`customer:${Number(match[1])}`) : undefined;
    },
    time: field ? naiveTime : (ms) => new Date(ms).toISOString(),
  };
}
