import type { Socket } from "socket.io-client";
import type {
  AdapterContext,
  AdapterSession,
  ChatAdapter,
  HistoryPage,
  OutgoingMessage,
} from "../../adapter.js";
import { tokenSubject } from "../../auth.js";
import type { Capabilities } from "../../capabilities.js";
import { ParleyError } from "../../errors.js";
import { rest } from "../../http/rest.js";
import type { Conversation, Message } from "../../model.js";
import { toConversation, toMessage, toSendPayload } from "./normalize.js";
import { PresenceTracker } from "./presence.js";
import { PendingSends } from "./sends.js";
import { connectSocket, createSocket, type Transport } from "./socket.js";
import { SocketEvents } from "./socket-events.js";
import { parseConversation, parseList, parseMessage, unwrap } from "./wire.js";

/** care-socketio as PROTOCOLS.md lists it: everything but upload, edit/delete, groups. */
const documented: Capabilities = {
  history: true,
  conversationList: true,
  typing: true,
  readReceipts: "conversation",
  deliveryStatus: false,
  presence: true,
  userStatus: true,
  attachments: "url",
  edit: false,
  delete: false,
  replies: false,
  groups: false,
  // Any care partner is reachable by id: sending to them starts the conversation.
  createConversation: true,
};

/** The statuses `set_status` accepts. */
export const USER_STATUSES = ["available", "busy", "away"] as const;

/** Options for {@link careSocketio}. */
export interface CareSocketioOptions {
  /** Socket.IO path. @default "/socket.io" */
  path?: string;
  /** Socket.IO transports; add "polling" where WebSockets are blocked. @default ["websocket"] */
  transports?: Transport[];
  /** How long a send waits for `message_sent` or `error`. @default 10000 */
  replyTimeoutMs?: number;
  /** Handshake timeout. @default 20000 */
  connectTimeoutMs?: number;
  /** Our user id, when the token has no `sub` claim to read it from. */
  userId?: string;
}

/**
 * The care-socketio adapter: patient <-> doctor 1:1 chat over Socket.IO with a
 * `{success, data}` REST API. A conversation's id is the other user's id (see
 * {@link toConversation}); messages keep the seed's `a_b` key in `extra.conversationId`.
 */
export function careSocketio(options: CareSocketioOptions = {}): ChatAdapter {
  return {
    name: "care-socketio",
    capabilities: documented,
    createSession: (context) => new CareSession(context, options),
  };
}

class CareSession implements AdapterSession {
  private socket: Socket | null = null;
  private me = "";
  private sends: PendingSends;
  /** Other users we know we may talk to (seen in a message, the list or a history). */
  private readonly partners = new Set<string>();
  private readonly presence: PresenceTracker;
  private status: string | null = null;
  private abortConnect: (() => void) | null = null;

  constructor(
    private readonly context: AdapterContext,
    private readonly options: CareSocketioOptions,
  ) {
    this.sends = new PendingSends(options.replyTimeoutMs ?? 10_000);
    this.presence = new PresenceTracker(context, () => this.connected);
  }

  private get connected(): boolean {
    return this.socket?.connected === true;
  }

  async connect(): Promise<void> {
    this.disconnect();
    const whoAmI = (token: string) => this.options.userId ?? tokenSubject(token);
    const first = whoAmI(await this.context.token());
    if (!first) throw new ParleyError("protocol", "The token has no subject to tell who we are");
    this.me = first;
    const socket = createSocket({
      url: this.context.url,
      path: this.options.path ?? "/socket.io",
      transports: this.options.transports ?? ["websocket"],
      timeoutMs: this.options.connectTimeoutMs ?? 20_000,
      token: async () => {
        const token = await this.context.token();
        // Known before the handshake, so events right after it normalize with the right id.
        this.me = whoAmI(token) ?? this.me;
        return token;
      },
    });
    this.socket = socket;
    // `ready` goes out before any event of the new link is handled.
    socket.once("connect", () => {
      if (this.socket === socket) this.context.emit({ type: "ready", userId: this.me });
    });
    const sends = new PendingSends(this.options.replyTimeoutMs ?? 10_000);
    this.sends = sends;
    new SocketEvents(socket, {
      me: () => this.me,
      emit: (event) => this.context.emit(event),
      sends,
      partner: (id) => this.partners.add(id),
      presence: this.presence,
      lost: (error) => this.lost(socket, error),
    }).attach();
    let abort: (() => void) | null = null;
    await new Promise<void>((resolve, reject) => {
      abort = () => reject(new ParleyError("network", "Connection attempt cancelled"));
      this.abortConnect = abort;
      connectSocket(socket).then(resolve, reject);
    }).finally(() => {
      if (this.abortConnect === abort) this.abortConnect = null;
    });
    if (this.socket !== socket) throw new ParleyError("network", "Superseded by a newer connect");
    if (this.status) socket.emit("set_status", { status: this.status });
    void this.presence.refreshAll(this.conversationIds());
  }

  disconnect(): void {
    this.abortConnect?.();
    const socket = this.socket;
    this.socket = null;
    if (!socket) return;
    socket.removeAllListeners();
    socket.disconnect();
    this.sends.failAll(new ParleyError("network", "Disconnected"));
  }

  /** The socket closed without our asking: fail its sends and report the lost link. */
  private lost(socket: Socket, error: ParleyError): void {
    if (this.socket !== socket) return;
    this.socket = null;
    socket.removeAllListeners();
    this.sends.failAll(error);
    this.context.emit({ type: "closed", error });
  }

  async send(outgoing: OutgoingMessage): Promise<Message | null> {
    const payload = toSendPayload(outgoing);
    const socket = this.socket;
    if (!socket?.connected) throw new ParleyError("network", "Not connected");
    const answer = this.sends.add(payload);
    socket.emit("send_message", payload);
    const stored = await answer;
    this.partners.add(outgoing.conversationId);
    return toMessage(stored, this.me);
  }

  async history(
    conversationId: string,
    cursor: string | null,
    limit: number,
  ): Promise<HistoryPage> {
    const skip = cursor === null ? 0 : Math.max(0, Number(cursor) || 0);
    const size = Math.min(100, Math.max(1, Math.floor(limit) || 50));
    const body = await rest<unknown>(
      this.context,
      `/chat/conversations/${encodeURIComponent(conversationId)}`,
      { query: { limit: size, skip } },
    );
    const list = parseList(unwrap(body), parseMessage);
    if (!list) throw new ParleyError("protocol", "History answer is not a list");
    this.reportDropped(list.dropped, "history");
    this.partners.add(conversationId);
    return {
      messages: list.items.map((m) => toMessage(m, this.me)),
      cursor: list.items.length + list.dropped >= size ? String(skip + size) : null,
    };
  }

  async conversations(): Promise<Conversation[]> {
    const body = await rest<unknown>(this.context, "/chat/conversations");
    const list = parseList(unwrap(body), parseConversation);
    if (!list) throw new ParleyError("protocol", "Conversation list is not a list");
    this.reportDropped(list.dropped, "conversation list");
    const conversations = list.items.map((c) => toConversation(c, this.me));
    for (const c of conversations) this.partners.add(c.id);
    return conversations;
  }

  /** `mark_read {senderId}` for a known partner while connected; the REST route otherwise. */
  async markRead(conversationId: string): Promise<void> {
    const socket = this.socket;
    if (socket?.connected && this.partners.has(conversationId)) {
      socket.emit("mark_read", { senderId: conversationId });
      return;
    }
    await rest(this.context, `/chat/conversations/${encodeURIComponent(conversationId)}/read`, {
      method: "PUT",
    });
  }

  /**
   * `typing_start` / `typing_stop`, only to known partners: a refused typing event would come
   * back as an `error` that cannot be told apart from the answer to a pending send.
   */
  typing(conversationId: string, typing: boolean): void {
    if (!this.connected || !this.partners.has(conversationId)) return;
    this.socket?.emit(typing ? "typing_start" : "typing_stop", { receiverId: conversationId });
  }

  /** `set_status`; kept and sent again after a reconnect (the server forgets it on restart). */
  setStatus(status: string): void {
    if (!(USER_STATUSES as readonly string[]).includes(status)) {
      this.context.emit({
        type: "error",
        error: new ParleyError(
          "invalid-input",
          `Status must be one of ${USER_STATUSES.join(", ")}`,
        ),
      });
      return;
    }
    this.status = status;
    if (this.connected) this.socket?.emit("set_status", { status });
  }

  /** Starts tracking the other user's presence. */
  watch(conversationId: string): void {
    this.presence.watch(conversationId);
  }

  unwatch(conversationId: string): void {
    this.presence.unwatch(conversationId);
  }

  private conversationIds(): Promise<string[]> {
    return this.conversations().then((list) => list.map((c) => c.id));
  }

  private reportDropped(dropped: number, what: string): void {
    if (dropped === 0) return;
    this.context.emit({
      type: "error",
      error: new ParleyError("protocol", `Dropped ${dropped} malformed entries of the ${what}`),
    });
  }
}
