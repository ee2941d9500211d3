import { type Capabilities, noCapabilities } from "../../capabilities.js";
import type { SupportRole } from "./desk-roster.js";

/**
 * support-socketio as documented (PROTOCOLS.md): history (unpaginated in the seed, paged with
 * the server's skip/limit extension), the admin's user list with unread counts, typing,
 * per-conversation read receipts (`mark_read`), presence, and `heartbeat` as keepalive. Against
 * the deployed backend (greeting `connection_confirmed`) presence is reported absent.
 */
export const documented: Capabilities = {
  ...noCapabilities,
  history: true,
  conversationList: true,
  typing: true,
  readReceipts: "conversation",
  presence: true,
  /** An admin may write to any user, earlier messages or not; a user may not (known on connect). */
  createConversation: true,
};

/** Options for {@link supportSocketio}. */
export interface SupportSocketioOptions {
  /**
   * The admin a user's messages and typing are addressed to. Every admin receives every user
   * message (the desk's shared inbox), so any admin will do. @default the admin of the newest
   * message seen, else one who is online, else any known admin, else `"admin"` (the desk, as the
   * deployed backend's history names it)
   */
  defaultAdminId?: string;
  /**
   * Our role on the desk. @default the token's claims (`role`, `roles` or `is_admin`), else the
   * `role` that `get_connection_info` answers (reference server), else "user"
   */
  role?: SupportRole;
  /**
   * The REST base. @default "/chat" as documented; "/api/chat" when the server greets with the
   * deployed backend's `connection_confirmed`
   */
  restBase?: string;
  /** @default "/socket.io" */
  path?: string;
  /** @default ["websocket"]; add "polling" to allow long-polling */
  transports?: ("websocket" | "polling")[];
  /** How long an acknowledgement may take. @default 10000 */
  ackTimeoutMs?: number;
}

/** The role a JWT's claims state (`role`, `roles`, `is_admin`), if they state one. */
export function claimedRole(token: string): SupportRole | undefined {
  try {
    const c = JSON.parse(atob(`${token.split(".")[1]}`.replace(/-/g, "+").replace(/_/g, "/")));
    const stated = [c.is_admin, c.role, c.roles].flat().filter((v) => v != null);
    if (stated.length) return stated.some((v) => v === true || v === "admin") ? "admin" : "user";
  } catch {}
}
