import type { z } from "zod";
import type { DialectContext } from "../../dialect.js";
import { HttpError } from "../../http/http-error.js";
import type { ParleySocket, SocketIoEndpoint } from "../../realtime/socketio-endpoint.js";
import type { CareAccess } from "./access.js";
import type { Presence } from "./presence.js";
import type { CareProfile } from "./profile.js";
import {
  markReadSchema,
  type SendMessageInput,
  sendMessageSchema,
  setStatusSchema,
  typingSchema,
} from "./schemas.js";
import type { ChatService } from "./service.js";

/** The Socket.IO room holding every socket of one user. */
export function userRoom(userId: string): string {
  return `user:${userId}`;
}

interface RealtimeDeps {
  ctx: DialectContext;
  endpoint: SocketIoEndpoint;
  access: CareAccess;
  presence: Presence;
  service: ChatService;
  profile: CareProfile;
}

type Handler = (socket: ParleySocket, me: string, payload: unknown) => void;

/**
 * The Socket.IO side: joins each socket to its user's room, announces presence to care partners
 * and dispatches the seed's client events. Every failure answers `error {message}`.
 */
export class CareRealtime {
  private readonly handlers: Record<string, Handler>;
  private readonly sendSchema: z.ZodType<SendMessageInput>;
  /**
   * Field profile: the one socket per user events "to a user" go to (`connectedUsers` in
   * upstream's `chatService.js`: the latest to connect, forgotten on any disconnect of the user).
   */
  private readonly latest = new Map<string, string>();

  constructor(private readonly deps: RealtimeDeps) {
    this.sendSchema = sendMessageSchema(deps.ctx.limits.maxContentChars);
    this.handlers = {
      send_message: (socket, me, payload) => this.sendMessage(socket, me, payload),
      typing_start: (socket, me, payload) =>
        this.quietly(() => this.typing(socket, me, payload, true)),
      typing_stop: (socket, me, payload) =>
        this.quietly(() => this.typing(socket, me, payload, false)),
      mark_read: (_socket, me, payload) =>
        this.quietly(() => {
          const { senderId } = parse(markReadSchema, payload);
          this.deps.access.counterpart(me, senderId);
          this.deps.service.markRead(me, senderId);
        }),
      set_status: (_socket, me, payload) => {
        const { status } = parse(setStatusSchema, payload);
        this.deps.presence.setStatus(me, status);
        this.announce(me, this.deps.profile.statusToSelf, { isOnline: true, status });
      },
    };
  }

  /** Pushes `event` to every socket of `userId` (field profile: to its one latest socket). */
  pushToUser(userId: string, event: string, payload: unknown): void {
    if (!this.deps.profile.latestSocketOnly) {
      this.deps.endpoint.emitTo(userRoom(userId), event, payload);
      return;
    }
    const socketId = this.latest.get(userId);
    // Every socket is in a room named by its id.
    if (socketId) this.deps.endpoint.emitTo(socketId, event, payload);
  }

  onConnection(socket: ParleySocket): void {
    const me = socket.data.userId;
    const { profile, presence } = this.deps;
    void socket.join(userRoom(me));
    this.latest.set(me, socket.id);
    const first = presence.connect(me, socket.id);
    if (first || profile.presenceOnEverySocket) this.announce(me, false);

    socket.onAny((event: unknown, ...args: unknown[]) => {
      const handler = typeof event === "string" ? this.handlers[event] : undefined;
      if (!handler) {
        if (!profile.silentRefusals) this.error(socket, "Unknown event");
        return;
      }
      try {
        handler(socket, me, args[0]);
      } catch (error) {
        if (error instanceof HttpError) {
          this.error(socket, error.message);
        } else {
          this.deps.ctx.log(`event ${String(event)} failed: ${(error as Error).message}`);
          this.error(socket, "Internal server error");
        }
      }
    });

    socket.on("disconnect", () => {
      for (const receiverId of presence.takeTyping(socket.id)) {
        if (profile.stopTypingOnDisconnect)
          this.toRoom(receiverId, "typing_stopped", { userId: me });
      }
      // Upstream's `removeUser` forgets the user's socket whichever of its sockets closed.
      this.latest.delete(me);
      const last = presence.disconnect(me, socket.id);
      if (last || profile.presenceOnEverySocket) this.announce(me, false, { isOnline: false });
    });
  }

  /** The rate limit refused an event. */
  onRateLimited(socket: ParleySocket): void {
    this.error(socket, "Too many requests, slow down");
  }

  private error(socket: ParleySocket, message: string): void {
    this.deps.endpoint.emit(socket, "error", { message });
  }

  /**
   * `user_status_change` to every care partner, and (for `set_status`) to the user's own sockets
   * as the confirmation the seed leaves out. Field profile: to the user's conversation partners
   * (upstream's `emitOnlineStatus` walks `getUserConversations`), with the socket's own
   * online/offline (`isOnline`, as this event says it) and "online"/"offline" as the status
   * unless one was chosen now.
   */
  private announce(
    userId: string,
    toSelf: boolean,
    now: { isOnline?: boolean; status?: string } = {},
  ): void {
    const { presence, profile, access, service } = this.deps;
    const current = presence.of(userId);
    const payload =
      profile.name === "seed"
        ? current
        : {
            userId,
            isOnline: now.isOnline ?? true,
            status: now.status ?? profile.connectionStatus(now.isOnline ?? true, current.status),
          };
    const contacts =
      profile.name === "seed"
        ? access.relatedTo(userId)
        : service.conversations(userId).map((c) => c.otherUser._id);
    for (const other of contacts) this.pushToUser(other, "user_status_change", payload);
    if (toSelf) this.pushToUser(userId, "user_status_change", payload);
  }

  /** Emits to every socket of `userId` (typing goes to the receiver's room in both profiles). */
  private toRoom(userId: string, event: string, payload: unknown): void {
    this.deps.endpoint.emitTo(userRoom(userId), event, payload);
  }

  /** Runs a handler whose refusal the field profile keeps silent. */
  private quietly(run: () => void): void {
    try {
      run();
    } catch (error) {
      if (!(this.deps.profile.silentRefusals && error instanceof HttpError)) throw error;
    }
  }

  private sendMessage(socket: ParleySocket, me: string, payload: unknown): void {
    const { profile, access, service } = this.deps;
    try {
      const { receiverId, ...input } = parse(this.sendSchema, payload);
      access.counterpart(me, receiverId);
      const confirm = profile.confirmToSendingSocket
        ? (message: unknown) => this.deps.endpoint.emit(socket, "message_sent", { message })
        : undefined;
      service.send(me, receiverId, input, confirm);
      if (profile.stopTypingOnSend) this.toRoom(receiverId, "typing_stopped", { userId: me });
    } catch (error) {
      if (error instanceof HttpError) throw new HttpError(error.status, profile.sendError(error));
      throw error;
    }
  }

  private typing(socket: ParleySocket, me: string, payload: unknown, start: boolean): void {
    const { receiverId } = parse(typingSchema, payload);
    this.deps.access.counterpart(me, receiverId);
    if (start) this.deps.presence.startTyping(socket.id, receiverId);
    else this.deps.presence.stopTyping(socket.id, receiverId);
    this.toRoom(receiverId, start ? "typing_start" : "typing_stopped", { userId: me });
  }
}

/** Validates an event payload; a wrong shape becomes an `error` with the first issue. */
function parse<T>(schema: z.ZodType<T>, payload: unknown): T {
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    throw new HttpError(400, "Invalid payload: an object is required");
  }
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw new HttpError(400, parsed.error.issues[0]?.message ?? "Invalid payload");
  }
  return parsed.data;
}
