import {
  type AdapterContext,
  type AdapterSession,
  type ChatAdapter,
  type ChatClient,
  type ChatState,
  createChatClient,
  type HistoryPage,
  type Message,
  noCapabilities,
  type OutgoingMessage,
} from "@parley/core";
import { type Mock, vi } from "vitest";

/** The adapter session of {@link fakeChat}, with spies a test can inspect and program. */
export interface FakeSession extends AdapterSession {
  history: Mock<(id: string, cursor: string | null, limit: number) => Promise<HistoryPage>>;
  typing: Mock<(id: string, typing: boolean) => void>;
  watch: Mock<(id: string) => void>;
  unwatch: Mock<(id: string) => void>;
  markRead: Mock<(id: string, upTo?: Message) => Promise<void>>;
}

export interface FakeChat {
  client: ChatClient;
  session: FakeSession;
  /** What the client handed the adapter to send, in order. */
  sent: OutgoingMessage[];
  /** Plays the server: reports an event to the client as the adapter would. */
  emit: AdapterContext["emit"];
}

/**
 * A client over an in-memory adapter: the test plays the server through `emit`. `history`
 * answers an empty first page unless a test replaces its implementation.
 */
export function fakeChat(): FakeChat {
  const sent: OutgoingMessage[] = [];
  let context: AdapterContext | undefined;
  const history = vi.fn(
    async (_id: string, _cursor: string | null, _limit: number): Promise<HistoryPage> => ({
      messages: [],
      cursor: null,
    }),
  );
  const session: FakeSession = {
    connect: async () => context?.emit({ type: "ready", userId: "me" }),
    disconnect() {},
    send: async (o: OutgoingMessage) => {
      sent.push(o);
      return null;
    },
    history,
    typing: vi.fn(),
    watch: vi.fn(),
    unwatch: vi.fn(),
    markRead: vi.fn(async () => {}),
  };
  const adapter: ChatAdapter = {
    name: "fake",
    capabilities: { ...noCapabilities, history: true, typing: true, presence: true },
    createSession(c) {
      context = c;
      return session;
    },
  };
  const client = createChatClient({ adapter, url: "http://fake", auth: "t", createId: counter() });
  const emit: AdapterContext["emit"] = (event) => {
    if (!context) throw new Error("no session yet");
    context.emit(event);
  };
  return { client, session, sent, emit };
}

function counter() {
  let n = 0;
  return () => `local-${++n}`;
}

let serial = 0;

/** A message from someone else, as the wire would report it. */
export function incoming(conversationId: string, text: string, senderId = "bob"): Message {
  serial += 1;
  return {
    clientId: `id:s${serial}`,
    id: `s${serial}`,
    conversationId,
    senderId,
    text,
    createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, serial)).toISOString(),
    status: "sent",
  };
}

/** Resolves after the client's batch and React's scheduled work have run. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Connects the fake client and waits until it is connected. */
export async function connected(client: ChatClient): Promise<ChatState> {
  client.connect();
  for (let i = 0; i < 20 && client.getState().connection.status !== "connected"; i++) {
    await settle();
  }
  return client.getState();
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
