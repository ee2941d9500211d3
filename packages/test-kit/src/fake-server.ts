import {
  type AdapterContext,
  type ChatAdapter,
  type HistoryPage,
  type Message,
  type OutgoingMessage,
  ParleyError,
} from "@parley/core";
import { fakeAdapter } from "./fake-adapter.js";

/**
 * A chat server in memory that several clients (tabs) share, each through its own
 * {@link fakeAdapter}: it can go offline, hold acknowledgements and push messages live.
 */
export class FakeServer {
  readonly messages: Message[] = [];
  /** Sends received, in order (a resend shows twice). */
  readonly received: OutgoingMessage[] = [];
  online = true;
  /** While set, connecting waits for it. */
  gate: Promise<void> | null = null;
  /** Messages are stored but never acknowledged (the tab closes with them in flight). */
  holdAcks = false;
  private seq = 0;
  private last = 0;
  private readonly sessions = new Set<AdapterContext>();

  /** Drops every connection; connecting fails until {@link goOnline}. */
  goOffline(): void {
    this.online = false;
    for (const context of this.sessions) {
      context.emit({ type: "closed", error: new ParleyError("network", "dropped") });
    }
    this.sessions.clear();
  }

  goOnline(): void {
    this.online = true;
  }

  add(conversationId: string, senderId: string, text: string): Message {
    this.seq += 1;
    this.last = Math.max(Date.now(), this.last + 1);
    const message: Message = {
      clientId: `id:${this.seq}`,
      id: String(this.seq),
      conversationId,
      senderId,
      text,
      createdAt: new Date(this.last).toISOString(),
      status: "sent",
    };
    this.messages.push(message);
    return message;
  }

  /** Stores a message and pushes it live to every connected session. */
  deliver(conversationId: string, senderId: string, text: string): Message {
    const message = this.add(conversationId, senderId, text);
    for (const context of this.sessions) context.emit({ type: "message", message });
    return message;
  }

  history(conversationId: string, cursor: string | null, limit: number): HistoryPage {
    const all = this.messages.filter((m) => m.conversationId === conversationId);
    const skip = cursor === null ? 0 : Number(cursor);
    const end = all.length - skip;
    const start = Math.max(0, end - limit);
    return { messages: all.slice(start, end), cursor: start > 0 ? String(skip + limit) : null };
  }

  count(text: string): number {
    return this.messages.filter((m) => m.text === text).length;
  }

  adapter(me = "me"): ChatAdapter {
    const server = this;
    return fakeAdapter({
      me,
      capabilities: { history: true },
      session: (context) => ({
        async connect() {
          if (server.gate) await server.gate;
          if (!server.online) throw new ParleyError("network", "offline");
          server.sessions.add(context);
          context.emit({ type: "ready", userId: me });
        },
        disconnect() {
          server.sessions.delete(context);
        },
        async send(outgoing) {
          if (!server.online) throw new ParleyError("network", "offline");
          server.received.push(outgoing);
          const stored = server.add(outgoing.conversationId, me, outgoing.text);
          if (server.holdAcks) return new Promise<never>(() => {});
          return stored;
        },
        async history(conversationId, cursor, limit) {
          if (!server.online) throw new ParleyError("network", "offline");
          return server.history(conversationId, cursor, limit);
        },
      }),
    }).adapter;
  }
}
