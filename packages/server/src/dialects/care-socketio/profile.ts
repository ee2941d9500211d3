import type { Server as SocketIOServer } from "socket.io";
import type { ServerProfile } from "../../dialect.js";
import type { HttpError } from "../../http/http-error.js";

/** What a read marks: the `messages_read` payload and the REST `data`. */
export interface ReadResult {
  userId: string;
  conversationId: string;
  modifiedCount: number;
  readAt: string;
}

/**
 * Where care-socketio follows its deployed backend (the `field` profile) rather than the seed's
 * text: every choice of the profile in one place. Each names the upstream file it comes from
 * (HagarWael/diaguard-backend); `docs/care-socketio.md` lists them.
 */
export interface CareProfile {
  readonly name: ServerProfile;
  /**
   * Where events "to a user" go. Seed: every socket of the user (a room per user). Field:
   * `service/chatService.js` keeps one socket per user (`connectedUsers`, the latest to
   * connect) and `config/socket.js` emits `new_message`, `messages_read` and
   * `user_status_change` to that socket only; any disconnect of the user forgets it.
   */
  latestSocketOnly: boolean;
  /** `message_sent` to the sending socket only (`socket.emit` in `config/socket.js`). */
  confirmToSendingSocket: boolean;
  /** `typing_stopped` to the receiver after every `send_message` (`config/socket.js`). */
  stopTypingOnSend: boolean;
  /** `typing_stopped` for a socket that disconnects while typing (a seed-profile extension). */
  stopTypingOnDisconnect: boolean;
  /**
   * A refused `typing_start`/`typing_stop`/`mark_read` and an unknown event answer nothing
   * (field: the handlers `return` without emitting) instead of `error`.
   */
  silentRefusals: boolean;
  /** The `messages_read` payload, and whether it is sent when nothing was newly read. */
  readReceipt(result: ReadResult): { payload: object; send: boolean };
  /**
   * `user_status_change` on connect and disconnect: seed on the first and last socket, with the
   * chosen status; field on every socket, with `status` "online"/"offline"
   * (`emitOnlineStatus` in `config/socket.js`).
   */
  presenceOnEverySocket: boolean;
  connectionStatus(isOnline: boolean, chosen: string): string;
  /** `set_status` confirmed to the caller's own sockets too (a seed-profile extension). */
  statusToSelf: boolean;
  /** The `error` text of a refused `send_message`. */
  sendError(error: HttpError): string;
}

const seed: CareProfile = {
  name: "seed",
  latestSocketOnly: false,
  confirmToSendingSocket: false,
  stopTypingOnSend: false,
  stopTypingOnDisconnect: true,
  silentRefusals: false,
  readReceipt: (result) => ({ payload: result, send: result.modifiedCount > 0 }),
  presenceOnEverySocket: false,
  connectionStatus: (_isOnline, chosen) => chosen,
  statusToSelf: true,
  sendError: (error) => error.message,
};

const field: CareProfile = {
  name: "field",
  latestSocketOnly: true,
  confirmToSendingSocket: true,
  stopTypingOnSend: true,
  stopTypingOnDisconnect: false,
  silentRefusals: true,
  readReceipt: (result) => ({ payload: { userId: result.userId }, send: true }),
  presenceOnEverySocket: true,
  connectionStatus: (isOnline) => (isOnline ? "online" : "offline"),
  statusToSelf: false,
  // `chatService.validateChatPermission`'s texts; validation errors keep ours (upstream has none).
  sendError: (error) => {
    if (error.status === 404) return "One or both users not found";
    if (error.message === "You cannot message yourself")
      return "Patients can only chat with doctors and vice versa";
    if (error.status === 403) return "Doctor and patient are not associated";
    if (/content is required/i.test(error.message)) return "Receiver ID and content are required";
    return error.message;
  },
};

export function careProfile(name: ServerProfile): CareProfile {
  return name === "field" ? field : seed;
}

type Middleware = (socket: unknown, next: (error?: Error) => void) => void;

/**
 * The field profile's handshake refusals, as `middleware/socketAuth.js` makes them:
 * `next(new Error(text))` with no `data`, so a client gets `connect_error` with a message and
 * no status code. Rewrites the refusals of the shared endpoint's authentication middleware (the
 * namespace's first), which has no hook for it; our own refusals upstream does not make
 * (inactive account, wrong role) keep their text.
 */
export function refuseAsSocketAuth(io: SocketIOServer): void {
  const namespace = io.of("/") as unknown as { _fns: Middleware[] };
  const authenticate = namespace._fns[0];
  if (!authenticate) throw new Error("care-socketio: the endpoint's middleware is missing");
  namespace._fns[0] = (socket, next) =>
    authenticate(socket, (error) =>
      next(error ? new Error(socketAuthText(error.message)) : undefined),
    );
}

function socketAuthText(message: string): string {
  if (/Not authenticated/.test(message)) return "Authentication token required";
  if (/expired/i.test(message)) return "Token expired";
  if (message.startsWith("Authentication error")) return "Invalid token";
  return message;
}
