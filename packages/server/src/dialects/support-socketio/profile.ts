import type { ServerProfile } from "../../dialect.js";

/**
 * Where the two profiles of support-socketio part. `seed` follows seed 000; `field` behaves as
 * the deployed backend does (smartgov_backend: `backend/routes/chat_web_socket.py` mounted under
 * `/api`, `backend/services/chat_web_socket.py` on python-socketio). Authentication is required
 * in both: that is the one deliberate difference from the deployed backend, which accepts
 * anonymous sockets. `docs/support-socketio.md`, "Field profile", lists every difference.
 */
export interface SupportProfile {
  name: ServerProfile;
  /** REST prefixes: the seed's `/chat` (and `/api/chat`, which `/chat/test` lists); field: `/api/chat` only. */
  prefixes: readonly string[];
  /** Status of a bad query parameter: the seed's 400; FastAPI's 422 in the field. */
  invalidStatus: 400 | 422;
  /** The detail of an admin route refused to a user. */
  adminOnly: string;
  /** The realtime events follow the deployed service: `room`/`sender_id`/`content`, no echo. */
  fieldEvents: boolean;
}

export function supportProfile(name: ServerProfile): SupportProfile {
  return name === "field"
    ? {
        name,
        prefixes: ["/api/chat"],
        invalidStatus: 422,
        // dependencies/admin_auth.py
        adminOnly: "Access denied. Admin role required.",
        fieldEvents: true,
      }
    : {
        name,
        prefixes: ["/chat", "/api/chat"],
        invalidStatus: 400,
        adminOnly: "Not enough permissions",
        fieldEvents: false,
      };
}
