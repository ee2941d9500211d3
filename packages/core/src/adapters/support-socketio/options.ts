import type { Capabilities } from "../../capabilities.js";
import type { SupportRole } from "./desk.js";

/**
 * support-socketio as documented (PROTOCOLS.md): history (unpaginated in the seed, paged with
 * the server's skip/limit extension), the admin's user list with unread counts, typing,
 * per-conversation read receipts (`mark_read`), presence, and `heartbeat` as keepalive.
 */
export const documented: Capabilities = {
  history: true,
  conversationList: true,
  typing: true,
  readReceipts: "conversation",
  deliveryStatus: false,
  presence: true,
  userStatus: false,
  attachments: false,
  edit: false,
  delete: false,
  replies: false,
  groups: false,
  /** An admin may write to any user, with or without earlier messages. */
  createConversation: true,
};

/** Options for {@link supportSocketio}. */
export interface SupportSocketioOptions {
  /**
   * The admin a user's messages and typing are addressed to. Every admin receives every user
   * message (the desk's shared inbox), so any admin will do. @default the admin of the newest
   * message seen, else one who is online, else any known admin
   */
  defaultAdminId?: string;
  /** Our role on the desk. @default detected: `GET /chat/users` answers an admin, 403 a user */
  role?: SupportRole;
  /** @default "/socket.io" */
  path?: string;
  /** @default ["websocket"]; add "polling" to allow long-polling */
  transports?: ("websocket" | "polling")[];
  /** How long an acknowledgement may take. @default 10000 */
  ackTimeoutMs?: number;
}
