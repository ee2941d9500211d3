import {
  type AdapterContext,
  type AdapterSession,
  type Attachment,
  type Capabilities,
  type ChatAdapter,
  type ChatClient,
  type ChatClientOptions,
  type Conversation,
  createChatClient,
  type Environment,
  type HistoryPage,
  type Message,
  noCapabilities,
  type OutgoingMessage,
  ParleyError,
} from "@parley/core";

/** How the fake server answers one send. */
export type SendOutcome = "ok" | "fail" | "hold";

export interface FakeChatOptions {
  /** @default history, typing, presence, conversation list, delivery and read receipts */
  capabilities?: Partial<Capabilities>;
  /** Our user id. @default "me" */
  me?: string;
  conversations?: Conversation[];
  /** The server's history per conversation, oldest first. */
  history?: Record<string, Message[]>;
  /** Milliseconds a history page takes (per cursor: null is the newest page); `Infinity` never answers. @default 0 */
  historyDelayMs?: number | ((cursor: string | null) => number);
  /** @default 50 */
  pageSize?: number;
  /** @default every send succeeds */
  sendOutcome?: (message: OutgoingMessage) => SendOutcome;
  /** Milliseconds an upload takes, reporting progress on the way. @default 600 */
  uploadMs?: number;
  /** Extra client options (timers, backoff, ...). */
  client?: Partial<ChatClientOptions>;
}

/** A controllable platform: online or not. */
export interface FakeEnvironment extends Environment {
  setOnline(online: boolean): void;
}

export interface FakeChat {
  client: ChatClient;
  /** Plays the server: reports an event as an adapter would. */
  emit: AdapterContext["emit"];
  /** What the client handed the server to send, in order. */
  sent: OutgoingMessage[];
  /** Typing signals the client sent, in order. */
  typing: Array<{ conversationId: string; typing: boolean }>;
  /** Conversations the client marked read. */
  markedRead: string[];
  /** Edits the client asked for. */
  edits: Array<{ id: string | undefined; text: string }>;
  environment: FakeEnvironment;
  options: FakeChatOptions;
  /** Connects and resolves once connected. */
  connect(): Promise<void>;
  /** Makes the next connection attempts hang, so the client stays connecting or reconnecting. */
  holdConnections(hold: boolean): void;
}

function fakeEnvironment(): FakeEnvironment {
  let online = true;
  const wakes = new Set<() => void>();
  const offs = new Set<() => void>();
  return {
    isOnline: () => online,
    onWake(wake) {
      wakes.add(wake);
      return () => wakes.delete(wake);
    },
    onOffline(offline) {
      offs.add(offline);
      return () => offs.delete(offline);
    },
    setOnline(next) {
      online = next;
      for (const fn of next ? wakes : offs) fn();
    },
  };
}

const wait = (ms: number) =>
  ms === Number.POSITIVE_INFINITY
    ? new Promise<never>(() => {})
    : new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A client over an in-memory server, for tests and stories. Nothing is faked below the adapter:
 * the real client does state, outbox, typing debounce and paging.
 */
export function fakeChat(options: FakeChatOptions = {}): FakeChat {
  const me = options.me ?? "me";
  const history = new Map(Object.entries(options.history ?? {}).map(([k, v]) => [k, [...v]]));
  const sent: OutgoingMessage[] = [];
  const typing: FakeChat["typing"] = [];
  const markedRead: string[] = [];
  const edits: FakeChat["edits"] = [];
  let context: AdapterContext | undefined;
  let hold = false;
  let serial = 0;

  const session: AdapterSession = {
    async connect() {
      if (hold) await wait(Number.POSITIVE_INFINITY);
      context?.emit({ type: "ready", userId: me });
    },
    disconnect() {},
    async send(outgoing) {
      sent.push(outgoing);
      const outcome = options.sendOutcome?.(outgoing) ?? "ok";
      if (outcome === "hold") return new Promise<never>(() => {});
      if (outcome === "fail") throw new ParleyError("forbidden", "The server refused this message");
      serial += 1;
      const message: Message = {
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
      return message;
    },
    async history(
      conversationId: string,
      cursor: string | null,
      limit: number,
    ): Promise<HistoryPage> {
      const delay = options.historyDelayMs ?? 0;
      await wait(typeof delay === "function" ? delay(cursor) : delay);
      const all = history.get(conversationId) ?? [];
      const end = cursor === null ? all.length : Number(cursor);
      const start = Math.max(0, end - limit);
      return { messages: all.slice(start, end), cursor: start > 0 ? String(start) : null };
    },
    async conversations() {
      return options.conversations ?? [];
    },
    async markRead(conversationId) {
      markedRead.push(conversationId);
    },
    typing(conversationId, isTyping) {
      typing.push({ conversationId, typing: isTyping });
    },
    async edit(message, text) {
      edits.push({ id: message.id, text });
      return { ...message, text, editedAt: new Date().toISOString() };
    },
    async delete() {},
    upload(file, name, onProgress): Promise<Attachment> {
      const total = options.uploadMs ?? 600;
      return new Promise((resolve) => {
        let step = 0;
        const tick = () => {
          step += 1;
          onProgress?.(Math.min(1, step / 4));
          if (step < 4) setTimeout(tick, total / 4);
          else
            resolve({
              url: `/fixtures/${encodeURIComponent(name)}`,
              name,
              type: file.type || "file",
              size: file.size,
            });
        };
        setTimeout(tick, total / 4);
      });
    },
  };

  const capabilities: Capabilities = {
    ...noCapabilities,
    history: true,
    conversationList: true,
    typing: true,
    presence: true,
    deliveryStatus: true,
    readReceipts: "conversation",
    ...options.capabilities,
  };
  const adapter: ChatAdapter = {
    name: "fake",
    capabilities,
    createSession(c) {
      context = c;
      return session;
    },
  };
  const environment = fakeEnvironment();
  const client = createChatClient({
    adapter,
    url: "http://fake.invalid",
    auth: "token",
    environment,
    pageSize: options.pageSize ?? 50,
    outbox: { maxAttempts: 1 },
    ...options.client,
  });
  const emit: AdapterContext["emit"] = (event) => {
    if (!context) throw new Error("fakeChat: the client has no session yet");
    context.emit(event);
  };
  return {
    client,
    emit,
    sent,
    typing,
    markedRead,
    edits,
    environment,
    options,
    holdConnections(next) {
      hold = next;
    },
    async connect() {
      client.connect();
      for (let i = 0; i < 50 && client.getState().connection.status !== "connected"; i++) {
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
      if (options.conversations && capabilities.conversationList) await client.loadConversations();
    },
  };
}

let incomingSerial = 0;

/** A message from someone else, as the server would push it. */
export function incoming(conversationId: string, text: string, senderId = "ana"): Message {
  incomingSerial += 1;
  const id = `in-${incomingSerial}`;
  return {
    clientId: `id:${id}`,
    id,
    conversationId,
    senderId,
    text,
    createdAt: new Date().toISOString(),
    status: "sent",
  };
}
