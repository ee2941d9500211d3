import {
  type ChatClient,
  type ChatClientOptions,
  type ChatState,
  createChatClient,
  type Environment,
  type Message,
  noCapabilities,
} from "@parley/core";
import { type FakeAdapter, type FakeAdapterOptions, fakeAdapter } from "./fake-adapter.js";

export interface FakeChatOptions extends Omit<FakeAdapterOptions, "session"> {
  /** @default history, typing, presence, delivery and read receipts, and a conversation list when `conversations` is given */
  capabilities?: FakeAdapterOptions["capabilities"];
  /** @default 50 */
  pageSize?: number;
  /** Extra client options (timers, backoff, ...). */
  client?: Partial<ChatClientOptions>;
}

/** A controllable platform: online or not. */
export interface FakeEnvironment extends Environment {
  setOnline(online: boolean): void;
}

export interface FakeChat extends FakeAdapter {
  client: ChatClient;
  environment: FakeEnvironment;
  options: FakeChatOptions;
  /** Connects, resolves once connected and, when the test gave a list, loads it. */
  connect(): Promise<void>;
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

/**
 * A client over a {@link fakeAdapter} with the capabilities of a typical chat backend, for tests
 * and stories. Nothing is faked below the adapter: the real client does state, outbox, typing
 * debounce and paging.
 */
export function fakeChat(options: FakeChatOptions = {}): FakeChat {
  const fake = fakeAdapter(options, {
    ...noCapabilities,
    history: true,
    conversationList: options.conversations !== undefined,
    typing: true,
    presence: true,
    deliveryStatus: true,
    readReceipts: "conversation",
  });
  let ids = 0;
  const environment = fakeEnvironment();
  const client = createChatClient({
    adapter: fake.adapter,
    url: "http://fake.invalid",
    auth: "token",
    environment,
    createId: () => `local-${++ids}`,
    pageSize: options.pageSize ?? 50,
    outbox: { maxAttempts: 1 },
    ...options.client,
  });
  return {
    ...fake,
    client,
    environment,
    options,
    async connect() {
      await connected(client);
      if (options.conversations && fake.adapter.capabilities.conversationList) {
        await client.loadConversations();
      }
    },
  };
}

/** Resolves after queued microtasks, timers at 0 and React's scheduled work have run. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Connects a client over a fake and waits until it is connected. */
export async function connected(client: ChatClient): Promise<ChatState> {
  client.connect();
  for (let i = 0; i < 50 && client.getState().connection.status !== "connected"; i++) {
    await settle();
  }
  return client.getState();
}

let serial = 0;
let latest = 0;

/** A message from someone else, as the server would push it: each one newer than the last. */
export function incoming(conversationId: string, text: string, senderId = "ana"): Message {
  serial += 1;
  latest = Math.max(Date.now(), latest + 1);
  const id = `in-${serial}`;
  return {
    clientId: `id:${id}`,
    id,
    conversationId,
    senderId,
    text,
    createdAt: new Date(latest).toISOString(),
    status: "sent",
  };
}

/** A promise with its resolve and reject, for answers a test releases when it wants. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
