import type { AdapterSession } from "./adapter.js";
import { TokenSource } from "./auth.js";
import { Backoff } from "./backoff.js";
import { type CacheConnection, connectCache } from "./cache-connection.js";
import type { ChatClientEvents, ChatClientOptions } from "./client-types.js";
import type { ConnectionManager } from "./connection.js";
import { createConnection } from "./connection-setup.js";
import { ConversationList } from "./conversation-list.js";
import { Emitter } from "./emitter.js";
import { defaultRandom, defaultTimers, type Timers } from "./environment.js";
import { ParleyError } from "./errors.js";
import { EventQueue } from "./event-queue.js";
import { HistoryReader } from "./history-reader.js";
import { HistoryRetry } from "./history-retry.js";
import { platformFetch } from "./http/rest.js";
import { receive } from "./inbound.js";
import { Outbox } from "./outbox.js";
import { type ChatStore, createChatStore } from "./state.js";
import { fromOutbox } from "./store-events.js";
import { Sync } from "./sync.js";
import { TypingSender, TypingTracker } from "./typing.js";
import { UserDirectory } from "./user-directory.js";

/**
 * The parts `createChatClient` wires together, handed to the functions behind the client's
 * public methods (`send` in message-actions.ts, `openConversation` in conversation-actions.ts).
 */
export interface ClientParts {
  readonly options: ChatClientOptions;
  readonly session: AdapterSession;
  readonly store: ChatStore;
  readonly events: EventQueue;
  readonly outbox: Outbox;
  readonly connection: ConnectionManager;
  readonly typingSender: TypingSender;
  readonly typingTracker: TypingTracker;
  readonly history: HistoryReader;
  /** Reads of a conversation's newest history, tried again later when they fail. */
  readonly retry: HistoryRetry;
  readonly sync: Sync;
  readonly list: ConversationList;
  /** Who is who: static users, participants the store learns of, the app's resolver. */
  readonly users: UserDirectory;
  /** The persistent cache, when the client has one. */
  readonly cache: CacheConnection | null;
  /** Resolves once the store holds what the cache had (at once without a cache). */
  readonly ready: Promise<void>;
  readonly timers: Timers;
  readonly tokens: TokenSource;
  readonly emitter: Emitter<ChatClientEvents>;
  report(error: ParleyError): void;
}

/** Creates and wires every part of a client; nothing starts until `connection.start()`. */
export function createClientParts(options: ChatClientOptions): ClientParts {
  const { adapter } = options;
  const timers = options.timers ?? defaultTimers;
  const random = options.random ?? defaultRandom;
  const store = createChatStore(adapter.capabilities);
  const emitter = new Emitter<ChatClientEvents>((error) =>
    report(new ParleyError("protocol", "A listener threw", { cause: error })),
  );
  const report = (error: ParleyError) => emitter.emit("error", error);
  const tokens = new TokenSource(options.auth);
  const events = new EventQueue(store, emitter, options.cache !== undefined);
  const { dispatch } = events;

  const session: AdapterSession = adapter.createSession({
    url: options.url,
    token: (o) => tokens.get(o),
    fetch: options.fetch ?? platformFetch,
    WebSocket: options.WebSocket ?? (globalThis as { WebSocket?: unknown }).WebSocket,
    timers,
    random,
    emit: (event) => {
      try {
        receive(parts, event);
        if (event.type === "read-back") cache?.readBack(event.conversationId, event.messages);
      } catch (error) {
        report(new ParleyError("protocol", "Could not handle an event", { cause: error }));
      }
    },
  });
  const history = new HistoryReader(session, adapter.name, dispatch, options.pageSize ?? 50);

  const outbox: Outbox = new Outbox({
    send: (outgoing) => session.send(outgoing),
    sendWindow: () => session.sendWindow ?? 1,
    // Asked when needed: a session may gain history once connected (an extension found).
    recent: async (conversationId) => (await history.read(conversationId, null, false)).messages,
    me: () => store.getState().me,
    unanswered: () => connection.suspect(),
    ...(options.cache && { beforeSend: (entry) => cache?.beforeSend(entry) ?? Promise.resolve() }),
    timers,
    ...options.outbox,
    backoff: () => new Backoff({ min: 1000, max: 30_000, random, ...options.outbox?.retryBackoff }),
  });
  // The store shows every outbox change; a cache link persists them too.
  outbox.subscribe((change) => {
    const event = fromOutbox(change);
    if (event) dispatch(event);
    if (change.type === "failed") report(change.error);
  });
  const users = new UserDirectory({
    timers,
    random,
    ...(options.users && { users: options.users }),
    ...(options.resolveUsers && { resolveUsers: options.resolveUsers }),
  });
  const cache: CacheConnection | null = options.cache
    ? connectCache(
        options.cache,
        { outbox, store, dispatch, report, users, hydrate: (e) => events.release(e) },
        report,
      )
    : null;

  const list = new ConversationList({
    session,
    adapterName: adapter.name,
    store,
    dispatch,
    report,
    timers,
  });
  // The directory follows the store's conversations: participants named by the wire.
  store.subscribe((state) => users.learn(state.conversations));
  // A read that fails with a 5xx or on the network leaves the live feed alone; the thread's
  // `historyStatus` says so until a later read succeeds.
  const retry: HistoryRetry = new HistoryRetry({
    read: (conversationId) => sync.catchUp(conversationId),
    watched: (conversationId) => sync.watched.has(conversationId),
    store,
    dispatch,
    timers,
    backoff: () =>
      new Backoff({ min: 2000, max: 60_000, random, ...options.historyRetry?.backoff }),
    maxAttempts: options.historyRetry?.maxAttempts ?? 6,
  });
  const sync: Sync = new Sync({ session, store, history, retry, list, dispatch, report, timers });
  const typingTracker = new TypingTracker(
    (conversationId, userId, typing) =>
      dispatch({ type: "typing-state", conversationId, userId, typing }),
    options.typing?.expireMs ?? 8000,
    timers.setTimeout,
    timers.clearTimeout,
  );
  const typingSender = new TypingSender(
    (conversationId, typing) => {
      if (store.getState().connection.status === "connected")
        session.typing?.(conversationId, typing);
    },
    { ...options.typing, ...timers },
  );
  const ready = cache?.ready ?? Promise.resolve();
  const connection: ConnectionManager = createConnection(
    options,
    session,
    tokens,
    { timers, random },
    {
      setState: (state) => {
        if (state.status !== "connected") outbox.offline();
        dispatch({ type: "connection", state });
      },
      // Catching up compares with what the store holds, so the cache must have filled it first.
      // A link lost while catching up leaves the outbox to the next one: started now, it would
      // spend its history checks on a dead link and leave messages unconfirmed.
      onConnected: () =>
        void ready
          .then(() => sync.afterConnect())
          .finally(() => {
            if (connection.current.status === "connected") outbox.online();
          }),
    },
  );

  const parts: ClientParts = {
    tokens,
    emitter,
    options,
    session,
    store,
    events,
    outbox,
    connection,
    typingSender,
    typingTracker,
    history,
    retry,
    sync,
    list,
    users,
    cache,
    ready,
    timers,
    report,
  };
  return parts;
}
