import type { z } from "zod";
import type { DialectContext } from "../../dialect.js";
import { HttpError } from "../../http/http-error.js";
import type { ParleySocket, SocketIoEndpoint } from "../../realtime/socketio-endpoint.js";
import type { CareAccess } from "./access.js";
import type { Presence } from "./presence.js";
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
}

type Handler = (socket: ParleySocket, me: string, payload: unknown) => void;

/**
 * The Socket.IO side: joins each socket to its user's room, announces presence to care partners
 * and dispatches the seed's client events. Every failure answers `error {message}`.
 */
export class CareRealtime {
  private readonly handlers: Record<string, Handler>;
  private readonly sendSchema: z.ZodType<SendMessageInput>;

  constructor(private readonly deps: RealtimeDeps) {
    this.sendSchema = sendMessageSchema(deps.ctx.limits.maxContentChars);
    this.handlers = {
      send_message: (_socket, me, payload) => this.sendMessage(me, payload),
      typing_start: (socket, me, payload) => this.typing(socket, me, payload, true),
      typing_stop: (socket, me, payload) => this.typing(socket, me, payload, false),
      mark_read: (_socket, me, payload) => {
        const { senderId } = parse(markReadSchema, payload);
        this.deps.access.counterpart(me, senderId);
        this.deps.service.markRead(me, senderId);
      },
      set_status: (_socket, me, payload) => {
        const { status } = parse(setStatusSchema, payload);
        this.deps.presence.setStatus(me, status);
        this.announce(me, true);
      },
    };
  }

  /** Pushes `event` to every socket of `userId`. */
  pushToUser(userId: string, event: string, payload: unknown): void {
    this.deps.endpoint.emitTo(userRoom(userId), event, payload);
  }

  onConnection(socket: ParleySocket): void {
    const me = socket.data.userId;
    void socket.join(userRoom(me));
    if (this.deps.presence.connect(me, socket.id)) this.announce(me, false);

    socket.onAny((event: unknown, ...args: unknown[]) => {
      const handler = typeof event === "string" ? this.handlers[event] : undefined;
      if (!handler) {
        this.error(socket, "Unknown event");
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
      for (const receiverId of this.deps.presence.takeTyping(socket.id)) {
        this.pushToUser(receiverId, "typing_stopped", { userId: me });
      }
      if (this.deps.presence.disconnect(me, socket.id)) this.announce(me, false);
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
   * as the confirmation the seed leaves out.
   */
  private announce(userId: string, toSelf: boolean): void {
    const payload = this.deps.presence.of(userId);
    for (const other of this.deps.access.relatedTo(userId)) {
      this.pushToUser(other, "user_status_change", payload);
    }
    if (toSelf) this.pushToUser(userId, "user_status_change", payload);
  }

  private sendMessage(me: string, payload: unknown): void {
    const { receiverId, ...input } = parse(this.sendSchema, payload);
    this.deps.access.counterpart(me, receiverId);
    this.deps.service.send(me, receiverId, input);
  }

  private typing(socket: ParleySocket, me: string, payload: unknown, start: boolean): void {
    const { receiverId } = parse(typingSchema, payload);
    this.deps.access.counterpart(me, receiverId);
    if (start) this.deps.presence.startTyping(socket.id, receiverId);
    else this.deps.presence.stopTyping(socket.id, receiverId);
    this.pushToUser(receiverId, start ? "typing_start" : "typing_stopped", { userId: me });
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
