import type { AdapterContext } from "../../adapter.js";
import { ParleyError } from "../../errors.js";
import { toWebSocketUrl } from "../../http/rest.js";
import { WebSocketLink } from "../../transports/websocket-link.js";
import { Ledger, type Request } from "./ledger.js";
import { FrameRouter } from "./router.js";
import type { ParticipantType } from "./wire.js";

export interface SocketOptions {
  context: AdapterContext;
  participant: ParticipantType;
  timeoutMs: number;
  /** The open link closed (not after `close()`, not while opening: `open()` rejects then). */
  onClosed(error: ParleyError): void;
}

interface Hello {
  resolve(participantId: number): void;
  reject(error: ParleyError): void;
}

/**
 * The one rooms-ws WebSocket (`/api/v1/chat/ws/chat/{user|customer}?token=`), a fresh token per
 * open. Open means the `connected` frame came; every frame sent goes through the ledger so its
 * answer (or refusal) finds it.
 */
export class RoomsSocket {
  private link: WebSocketLink | null = null;
  private ledger: Ledger;
  private hello: Hello | null = null;
  private participantId: string | null = null;
  /** Chats we are known to be a member of (for telling which frame an error answers). */
  readonly members = new Set<number>();
  private readonly router: FrameRouter;

  constructor(private readonly options: SocketOptions) {
    this.ledger = new Ledger(options.timeoutMs);
    this.router = new FrameRouter({
      baseUrl: options.context.url,
      me: () => this.participantId,
      ledger: () => this.ledger,
      members: this.members,
      emit: (event) => options.context.emit(event),
      hello: (id) => this.hello?.resolve(id),
    });
  }

  /** Our `participant_id` (as a string) once open. */
  get me(): string | null {
    return this.participantId;
  }

  get isOpen(): boolean {
    return this.link?.isOpen === true && this.participantId !== null && this.hello === null;
  }

  /** Opens a new link and waits for `connected`; answers the link, to check it is still current. */
  async open(): Promise<unknown> {
    this.close();
    const { context, participant, timeoutMs } = this.options;
    this.ledger = new Ledger(timeoutMs);
    this.participantId = null;
    const link: WebSocketLink = new WebSocketLink({
      url: async () =>
        `${toWebSocketUrl(context.url).replace(/\/$/, "")}/api/v1/chat/ws/chat/${participant}?token=${encodeURIComponent(await context.token())}`,
      WebSocket: context.WebSocket,
      onMessage: (data) => {
        if (this.link === link) this.router.receive(data);
      },
      onClose: (error) => this.lost(link, error),
    });
    this.link = link;
    const hello = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new ParleyError("timeout", "No `connected` frame from rooms-ws")),
        timeoutMs,
      );
      this.hello = {
        resolve: (id) => {
          clearTimeout(timer);
          resolve(id);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
    hello.catch(() => {}); // awaited below unless open() fails first
    try {
      await link.open();
    } catch (error) {
      this.hello?.reject(error as ParleyError);
      this.hello = null;
      throw error;
    }
    const participantId = await hello;
    this.hello = null;
    this.participantId = String(participantId);
    return link;
  }

  isCurrent(link: unknown): boolean {
    return this.link === link && this.isOpen;
  }

  /** Closes without reporting; whatever waits fails with a retryable "network" error. */
  close(): void {
    const link = this.link;
    this.link = null;
    this.hello?.reject(new ParleyError("closed", "Disconnected"));
    this.hello = null;
    link?.close();
    this.ledger.rejectAll(new ParleyError("network", "Disconnected"));
  }

  private lost(link: WebSocketLink, error: ParleyError): void {
    if (this.link !== link) return;
    this.link = null;
    if (this.hello) {
      // Refused after the upgrade (4401, 4403): open() rejects with the close's meaning.
      this.hello.reject(error);
      this.hello = null;
      return;
    }
    this.ledger.rejectAll(new ParleyError("network", error.message, { cause: error }));
    // The close code's meaning: 4401 stops for a token refresh, 1001/1006 reconnect.
    this.options.onClosed(error);
  }

  private current(): WebSocketLink {
    if (!this.link || !this.isOpen) throw new ParleyError("network", "rooms-ws is not connected");
    return this.link;
  }

  /** Sends a frame that gets an answer; a `ping` barrier first when silent frames are pending. */
  request<T>(frame: object, request: Request): Promise<T> {
    const link = this.current();
    if (this.ledger.needsBarrier) {
      link.send({ type: "ping" });
      this.ledger.expect({ kind: "ping" }).catch(() => {});
    }
    link.send(frame);
    return this.ledger.expect<T>(request);
  }

  /** Sends a frame that is answered only when refused (typing, read_message). */
  notify(frame: object, request: Request): void {
    this.current().send(frame);
    this.ledger.note(request);
  }
}
