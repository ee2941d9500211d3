import {
  type AdapterContext,
  type AdapterSession,
  type Attachment,
  type Capabilities,
  type ChatAdapter,
  type Conversation,
  type HistoryPage,
  type Message,
  noCapabilities,
  type OutgoingMessage,
  ParleyError,
} from "@parley/core";
import { fn, type Mock } from "@vitest/spy";

/**
 * How the fake server answers one send: `ok` stores it and confirms with the server's copy,
 * `echo` answers null (the test emits the confirmation), `fail` refuses it, `hold` never answers.
 */
export type SendOutcome = "ok" | "echo" | "fail" | "hold";

export interface FakeAdapterOptions {
  /** Turned on over the defaults; a session method is offered only when its capability is on. */
  capabilities?: Partial<Capabilities>;
  /** Our user id. @default "me" */
  me?: string;
  /** What `conversations()` answers. */
  conversations?: Conversation[];
  /** The server's history per conversation, oldest first. */
  history?: Record<string, Message[]>;
  /** Milliseconds a history page takes (per cursor: null is the newest page); `Infinity` never answers. @default 0 */
  historyDelayMs?: number | ((cursor: string | null) => number);
  /** Read at every send, so a test or story may change it later. @default always "echo" */
  sendOutcome?: (message: OutgoingMessage) => SendOutcome;
  /** Milliseconds an upload takes, reporting progress on the way. @default 600 */
  uploadMs?: number;
  /** What a test adds to or replaces in each session, given the context and the sends so far. */
  session?: (context: AdapterContext, sent: OutgoingMessage[]) => Partial<AdapterSession>;
}

/** Every optional session method as a spy a test can inspect and program. */
export interface FakeSession {
  history: Mock<(id: string, cursor: string | null, limit: number) => Promise<HistoryPage>>;
  conversations: Mock<() => Promise<Conversation[]>>;
  markRead: Mock<(id: string, upTo?: Message) => Promise<void>>;
  typing: Mock<(id: string, typing: boolean) => void>;
  edit: Mock<(message: Message, text: string) => Promise<Message>>;
  delete: Mock<(message: Message) => Promise<void>>;
  upload: Mock<
    (file: Blob, name: string, onProgress?: (fraction: number) => void) => Promise<Attachment>
  >;
  watch: Mock<(id: string) => void>;
  unwatch: Mock<(id: string) => void>;
}

export interface FakeAdapter {
  adapter: ChatAdapter;
  /** The session's optional methods; those the capabilities leave out are never offered. */
  session: FakeSession;
  /** What the client handed the server to send, in order. */
  sent: OutgoingMessage[];
  /** Typing signals the client sent, in order. */
  typing: Array<{ conversationId: string; typing: boolean }>;
  /** Conversations the client marked read. */
  markedRead: string[];
  /** Edits the client asked for. */
  edits: Array<{ id: string | undefined; text: string }>;
  /** The latest session's context. */
  context(): AdapterContext;
  /** Plays the server: reports an event to the client as the adapter would. */
  emit: AdapterContext["emit"];
  /** Makes the next connection attempts hang, so the client stays connecting or reconnecting. */
  holdConnections(hold: boolean): void;
}

const wait = (ms: number) =>
  ms === Number.POSITIVE_INFINITY
    ? new Promise<never>(() => {})
    : new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * An in-memory adapter: the test plays the server. It is ready as user "me" at once and records
 * every send, answered null (an echo is to come) unless `sendOutcome` says otherwise. It has the
 * capabilities `base` (by default none) plus those of the options.
 */
export function fakeAdapter(
  options: FakeAdapterOptions = {},
  base: Capabilities = noCapabilities,
): FakeAdapter {
  const me = options.me ?? "me";
  const capabilities: Capabilities = { ...base, ...options.capabilities };
  const history = new Map(Object.entries(options.history ?? {}).map(([k, v]) => [k, [...v]]));
  const sent: OutgoingMessage[] = [];
  const typing: FakeAdapter["typing"] = [];
  const markedRead: string[] = [];
  const edits: FakeAdapter["edits"] = [];
  let context: AdapterContext | undefined;
  let hold = false;
  let serial = 0;

  const session: FakeSession = {
    history: fn(async (conversationId: string, cursor: string | null, limit: number) => {
      const delay = options.historyDelayMs ?? 0;
      const ms = typeof delay === "function" ? delay(cursor) : delay;
      if (ms > 0) await wait(ms);
      const all = history.get(conversationId) ?? [];
      const end = cursor === null ? all.length : Number(cursor);
      const start = Math.max(0, end - limit);
      return { messages: all.slice(start, end), cursor: start > 0 ? String(start) : null };
    }),
    conversations: fn(async () => options.conversations ?? []),
    markRead: fn(async (conversationId: string) => {
      markedRead.push(conversationId);
    }),
    typing: fn((conversationId: string, isTyping: boolean) => {
      typing.push({ conversationId, typing: isTyping });
    }),
    edit: fn(async (message: Message, text: string) => {
      edits.push({ id: message.id, text });
      return { ...message, text, editedAt: new Date().toISOString() };
    }),
    delete: fn(async () => {}),
    upload: fn((file: Blob, name: string, onProgress?: (fraction: number) => void) => {
      const step = (options.uploadMs ?? 600) / 4;
      return new Promise<Attachment>((resolve) => {
        let done = 0;
        const tick = () => {
          done += 1;
          onProgress?.(Math.min(1, done / 4));
          if (done < 4) setTimeout(tick, step);
          else
            resolve({
              url: `/fixtures/${encodeURIComponent(name)}`,
              name,
              type: file.type || "file",
              size: file.size,
            });
        };
        setTimeout(tick, step);
      });
    }),
    watch: fn(),
    unwatch: fn(),
  };

  // The client checks for a method before calling it: offer only what the capabilities say.
  const offered: Partial<AdapterSession> = {
    ...(capabilities.history && { history: session.history }),
    ...(capabilities.conversationList && { conversations: session.conversations }),
    ...(capabilities.readReceipts && { markRead: session.markRead }),
    ...(capabilities.typing && { typing: session.typing }),
    ...(capabilities.edit && { edit: session.edit }),
    ...(capabilities.delete && { delete: session.delete }),
    ...(capabilities.attachments === "upload" && { upload: session.upload }),
    watch: session.watch,
    unwatch: session.unwatch,
  };

  const adapter: ChatAdapter = {
    name: "fake",
    capabilities,
    createSession(c) {
      context = c;
      return {
        async connect() {
          if (hold) await wait(Number.POSITIVE_INFINITY);
          c.emit({ type: "ready", userId: me });
        },
        disconnect() {},
        async send(outgoing) {
          sent.push(outgoing);
          const outcome = options.sendOutcome?.(outgoing) ?? "echo";
          if (outcome === "echo") return null;
          if (outcome === "hold") return new Promise<never>(() => {});
          if (outcome === "fail") {
            throw new ParleyError("forbidden", "The server refused this message");
          }
          serial += 1;
          return {
            clientId: `id:srv-${serial}`,
            id: `srv-${serial}`,
            conversationId: outgoing.conversationId,
            senderId: me,
            text: outgoing.text,
            createdAt: new Date().toISOString(),
            status: "sent",
            ...(outgoing.replyTo ? { replyTo: outgoing.replyTo } : {}),
            ...(outgoing.attachments ? { attachments: outgoing.attachments } : {}),
          };
        },
        ...offered,
        ...options.session?.(c, sent),
      };
    },
  };

  const current = () => {
    if (!context) throw new Error("fakeAdapter: the client has no session yet");
    return context;
  };
  return {
    adapter,
    session,
    sent,
    typing,
    markedRead,
    edits,
    context: current,
    emit: (event) => current().emit(event),
    holdConnections(next) {
      hold = next;
    },
  };
}
