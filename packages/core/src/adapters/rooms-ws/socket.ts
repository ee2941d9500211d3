import type { AdapterContext } from "../../adapter.js";
import { ParleyError } from "../../errors.js";
import { toWebSocketUrl } from "../../http/rest.js";
import { WebSocketLink } from "../../transports/websocket-link.js";
import { FrameRouter } from "./frame-router.js";
import { PendingRequests, type Request } from "./pending-requests.js";
import { chats } from "./rest.js";
import type { ParticipantType } from "./wire.js";

export interface SocketOptions {
  context: AdapterContext;
  participant: ParticipantType;
  timeoutMs: number;
  /** The open link closed (not after `close()`, not while opening: `open()` rejects then). */
  onClosed(error: ParleyError): void;
}

/** A client frame: its `type`, and `chat_id` for those about a chat. */
export interface ClientFrame {
  type: string;
  chat_id?: number;
  content?: string;
  media_url?: string;
  [field: string]: unknown;
}

/**
 * The one rooms-ws WebSocket (`/api/v1/chat/ws/chat/{user|customer}?token=`), a fresh token per
 * open. Open means the `connected` frame came; every frame sent is recorded in the pending
 * requests, so its answer (or refusal) finds it.
 */
export interface RoomsSocket {
  /** Our person id (`u:2`, `c:1`, see wire.ts) once open. */
  readonly me: string | null;
  /** Participant types by id, as far as learned (the seed's frames give ids alone). */
  readonly types: Map<number, string>;
  readonly isOpen: boolean;
  /** Chats we are known to be a member of (for telling which frame an error answers). */
  readonly members: Set<number>;
  /** Opens a new link and waits for `connected`; answers the link, to check it is still current. */
  open(): Promise<unknown>;
  isCurrent(link: unknown): boolean;
  /** Closes without reporting; whatever waits fails with a retryable "network" error. */
  close(): void;
  /** Sends a frame that gets an answer; a `ping` barrier first when silent frames are pending. */
  request<T>(frame: ClientFrame): Promise<T>;
  /** Sends a frame that is answered only when refused (typing, read_message). */
  notify(frame: ClientFrame): void;
}

/** What the pending requests keep of a frame, to match its answer. */
const requestOf = (frame: ClientFrame): Request => ({
  kind: frame.type.split("_")[0] as Request["kind"],
  chatId: frame.chat_id,
  content: frame.content ?? "",
  media: frame.media_url ?? null,
});

export function roomsSocket({
  context,
  participant,
  timeoutMs,
  onClosed,
}: SocketOptions): RoomsSocket {
  let link: WebSocketLink | null = null;
  let pending = new PendingRequests(timeoutMs, context.timers);
  /** Set once the `connected` frame came: until then the link is still opening. */
  let me: string | null = null;
  const members = new Set<number>();
  const types = new Map<number, string>();
  const router = new FrameRouter({
    baseUrl: context.url,
    me: () => me,
    types,
    pending: () => pending,
    members,
    emit: (event) => context.emit(event),
  });
  const isOpen = () => !!link?.isOpen && me !== null;
  /** The ping that follows this tick's joins and leaves, once queued. */
  let barrier: Promise<void> | null = null;

  /**
   * A deployed backend refuses a bad token with HTTP 403 at the upgrade, which a WebSocket sees
   * as close 1006. The chat list over REST tells a refused token from a network failure; when
   * REST takes its token but the socket has one of its own, that one was refused.
   */
  const checkRefusal = async (): Promise<ParleyError | null> => {
    try {
      // A check of the token never refreshes it: the client refreshes once per refusal.
      await chats({ ...context, token: () => context.token() }, participant);
    } catch (error) {
      const status = (error as ParleyError).status;
      return status === 401 || status === 403
        ? new ParleyError("unauthorized", "The token was refused", { cause: error })
        : null;
    }
    return (await context.token({ purpose: "socket" })) === (await context.token())
      ? null
      : new ParleyError("unauthorized", "The socket token was refused");
  };

  const close = () => {
    const old = link;
    link = null;
    old?.close();
    pending.rejectAll(new ParleyError("network", "Disconnected"));
  };

  const lost = (from: WebSocketLink, error: ParleyError) => {
    if (link !== from) return;
    link = null;
    // Refused after the upgrade (4401, 4403): open() rejects with the close's meaning.
    if (me === null) return pending.rejectAll(error);
    pending.rejectAll(new ParleyError("network", error.message, { cause: error }));
    // The close code's meaning: 4401 stops for a token refresh, 1001/1006 reconnect.
    onClosed(error);
  };

  const current = (): WebSocketLink => {
    if (!isOpen()) throw new ParleyError("network", "Not connected");
    return link as WebSocketLink;
  };

  return {
    get me() {
      return me;
    },
    get isOpen() {
      return isOpen();
    },
    members,
    types,
    close,

    async open() {
      close();
      pending = new PendingRequests(timeoutMs, context.timers);
      me = null;
      const opened: WebSocketLink = new WebSocketLink({
        // The socket's own token: a deployed backend reads a customer's `sub` as a phone number.
        url: async () =>
          `${toWebSocketUrl(context.url).replace(/\/$/, "")}/api/v1/chat/ws/chat/${participant}?token=${encodeURIComponent(await context.token({ purpose: "socket" }))}`,
        WebSocket: context.WebSocket,
        timers: context.timers,
        onMessage: (data) => {
          if (link === opened) router.receive(data);
        },
        onClose: (error) => lost(opened, error),
        onError: (error) => context.emit({ type: "error", error }),
        checkRefusal,
      });
      link = opened;
      // The `connected` frame answers like any other; a close before it rejects it.
      const greeted = pending.expect<string>({ kind: "connected" });
      greeted.catch(() => {}); // awaited below unless the link fails to open first
      await opened.open();
      me = await greeted;
      return opened;
    },

    isCurrent: (opened) => link === opened && isOpen(),

    request<T>(frame: ClientFrame): Promise<T> {
      const open = current();
      if (pending.needsBarrier) {
        open.send({ type: "ping" });
        pending.expect({ kind: "ping" }).catch(() => {});
      }
      open.send(frame);
      const answer = pending.expect<T>(requestOf(frame));
      // A deployed backend answers no join or leave: the pong of a ping after them tells they
      // went. One ping for the joins of a tick (a list joins twenty chats at once).
      if (/^(join|leave)_chat$/.test(frame.type) && !barrier) {
        barrier = Promise.resolve().then(() => {
          barrier = null;
          if (link === open) {
            open.send({ type: "ping" });
            pending.expect({ kind: "ping" }).catch(() => {});
          }
        });
      }
      return answer;
    },

    notify(frame) {
      current().send(frame);
      pending.note(requestOf(frame));
    },
  };
}
