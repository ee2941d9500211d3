import type { AdapterEvent, AdapterSession, OutgoingMessage } from "./adapter.js";
import { TokenSource } from "./auth.js";
import { Backoff } from "./backoff.js";
import { CacheLink } from "./cache-link.js";
import type { ChatClient, ChatClientEvents, ChatClientOptions } from "./client-types.js";
import { ConnectionManager } from "./connection.js";
import { Emitter } from "./emitter.js";
import { defaultEnvironment, defaultRandom, defaultTimers } from "./environment.js";
import { ParleyError } from "./errors.js";
import { platformFetch } from "./http/rest.js";
import { ingest, type StoreEvent } from "./ingest.js";
import type { Attachment, Conversation, Message } from "./model.js";
import { Outbox, type OutboxEntry } from "./outbox.js";
import { createChatStore } from "./state.js";
import { emptyThread, findMessage } from "./thread.js";
import { TypingSender, TypingTracker } from "./typing.js";

export type {
  ChatClient,
  ChatClientEvents,
  ChatClientOptions,
  SendOptions,
} from "./client-types.js";

/** Creates a client for one backend; call `connect()` to go online. */
export function createChatClient(options: ChatClientOptions): ChatClient {
  const { adapter } = options;
  const timers = options.timers ?? defaultTimers;
  const random = options.random ?? defaultRandom;
  const createId = options.createId ?? (() => globalThis.crypto.randomUUID());
  const maxText = options.maxTextLength ?? 4000;
  const pageSize = options.pageSize ?? 50;
  const store = createChatStore(adapter.capabilities);
  const emitter = new Emitter<ChatClientEvents>((error) =>
    report(new ParleyError("protocol", "A listener threw", { cause: error })),
  );
  const tokens = new TokenSource(options.auth);
  const watched = new Set<string>();

  // Events are applied in batches: a burst from the wire is one store update. With a cache,
  // they wait until the cache has filled the store, so the network always merges into it.
  let queue: StoreEvent[] = [];
  let scheduled = false;
  let held = options.cache !== undefined;
  const schedule = () => {
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(applyQueue);
    }
  };
  const dispatch = (event: StoreEvent) => {
    queue.push(event);
    schedule();
  };
  function applyQueue() {
    scheduled = false;
    if (held) return;
    const events = queue;
    queue = [];
    const before = store.getState();
    const after = ingest(before, events, { match: (m) => outbox.match(m) });
    if (after !== before) store.setState(after, true);
    for (const event of events) {
      if (event.type === "message") emitter.emit("message", event.message);
      else if (event.type === "connection") emitter.emit("connection", event.state);
    }
  }
  function report(error: ParleyError) {
    emitter.emit("error", error);
  }

  const tracker = new TypingTracker(
    (conversationId, userId, typing) =>
      dispatch({ type: "typing-state", conversationId, userId, typing }),
    options.typing?.expireMs ?? 8000,
    timers.setTimeout,
    timers.clearTimeout,
  );

  const session: AdapterSession = adapter.createSession({
    url: options.url,
    token: (o) => tokens.get(o),
    fetch: options.fetch ?? platformFetch,
    WebSocket: options.WebSocket ?? (globalThis as { WebSocket?: unknown }).WebSocket,
    timers,
    random,
    emit: (event: AdapterEvent) => {
      try {
        onAdapterEvent(event);
      } catch (error) {
        report(new ParleyError("protocol", "Could not handle an event", { cause: error }));
      }
    },
  });

  function onAdapterEvent(event: AdapterEvent) {
    if (event.type !== "closed") connection.activity();
    if (event.type === "message") meet(event.message.conversationId);
    if (event.type === "closed") {
      outbox.offline();
      connection.lost(event.error);
      return;
    }
    if (event.type === "error") {
      report(event.error);
      return;
    }
    if (event.type === "typing") {
      tracker.signal(event.conversationId, event.userId, event.typing);
      return;
    }
    dispatch(event);
  }

  const history = async (conversationId: string, cursor: string | null, older: boolean) => {
    if (!session.history) throw new ParleyError("unsupported", `${adapter.name} has no history`);
    const page = await session.history(conversationId, cursor, pageSize);
    dispatch({ type: "history", conversationId, page, older });
    return page;
  };

  const outbox: Outbox = new Outbox({
    send: (outgoing) => session.send(outgoing),
    ...(session.history
      ? {
          recent: async (conversationId: string) =>
            (await history(conversationId, null, false)).messages,
        }
      : {}),
    me: () => store.getState().me,
    unanswered: () => connection.suspect(),
    confirmed: (clientId, message) => {
      dispatch({ type: "confirmed", clientId, message });
      link?.confirmed(clientId, message);
    },
    failed: (clientId, error) => {
      const conversationId = findConversationOf(clientId);
      if (conversationId) dispatch({ type: "failed", clientId, conversationId, error });
      link?.failed(clientId, error);
      report(error);
    },
    ...(options.cache && {
      changed: () => link?.outboxChanged(),
      beforeSend: (entry: OutboxEntry) => link?.beforeSend(entry) ?? Promise.resolve(),
    }),
    timers,
    ...(options.outbox?.maxAttempts === undefined
      ? {}
      : { maxAttempts: options.outbox.maxAttempts }),
    ...(options.outbox?.ackTimeoutMs === undefined
      ? {}
      : { ackTimeoutMs: options.outbox.ackTimeoutMs }),
    backoff: () => new Backoff({ min: 1000, max: 30_000, random, ...options.outbox?.retryBackoff }),
  });

  // Only one tab transmits the outbox: without a cache this one; with one, the cache says which.
  let linkUp = false;
  const link: CacheLink | null = options.cache
    ? new CacheLink({
        cache: options.cache,
        outbox,
        store,
        hydrate: (event) => {
          held = false;
          queue.unshift(event);
          schedule();
        },
        dispatch,
        report,
        leadership: (leading) => {
          if (!leading) outbox.offline();
          else if (linkUp) outbox.online();
        },
        retry: (clientId) => client.retry(clientId),
        discard: (clientId) => client.discard(clientId),
      })
    : null;
  const ready = link?.ready ?? Promise.resolve();
  const leading = () => link?.leading ?? true;

  function findConversationOf(clientId: string): string | undefined {
    const entry = outbox.get(clientId);
    if (entry) return entry.outgoing.conversationId;
    for (const [id, thread] of Object.entries(store.getState().threads)) {
      if (findMessage(thread, clientId)) return id;
    }
    return undefined;
  }

  const typingSender = new TypingSender(
    (conversationId, typing) => {
      if (store.getState().connection.status === "connected")
        session.typing?.(conversationId, typing);
    },
    {
      ...options.typing,
      setTimeout: timers.setTimeout,
      clearTimeout: timers.clearTimeout,
      now: timers.now,
    },
  );

  const connection = new ConnectionManager({
    session,
    backoff: new Backoff({ random, ...options.backoff }),
    environment: options.environment ?? defaultEnvironment(),
    timers,
    ...(options.heartbeat?.intervalMs !== undefined && {
      heartbeatMs: options.heartbeat.intervalMs,
    }),
    ...(options.heartbeat?.timeoutMs !== undefined && {
      heartbeatTimeoutMs: options.heartbeat.timeoutMs,
    }),
    ...(options.heartbeat?.silenceMs !== undefined && { silenceMs: options.heartbeat.silenceMs }),
    setState: (state) => {
      if (state.status !== "connected") {
        linkUp = false;
        outbox.offline();
      }
      dispatch({ type: "connection", state });
    },
    refreshToken: async () => {
      if (!tokens.refreshable) throw new ParleyError("unauthorized", "The token was refused");
      await tokens.get({ refresh: true });
    },
    onConnected: () => {
      // Resync compares with what the store holds, so the cache must have filled it first.
      void ready.then(resync).finally(() => {
        linkUp = true;
        if (leading()) outbox.online();
      });
    },
  });

  /**
   * Resolves when the adapter's watch does (its live feed is up), or after a few seconds: history
   * fetched after it leaves no gap, and a feed that cannot open does not hold history back.
   */
  function watchLive(conversationId: string): Promise<void> {
    const live = session.watch?.(conversationId);
    if (!live) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = timers.setTimeout(resolve, 5000);
      const done = () => {
        timers.clearTimeout(timer);
        resolve();
      };
      live.then(done, done);
    });
  }

  /** After a (re)connection: watch again, fetch what was missed, refresh the list. */
  async function resync(): Promise<void> {
    const jobs: Array<Promise<unknown>> = [];
    if (listWanted && session.conversations) jobs.push(loadConversations());
    // Conversations opened before the link was up have no thread yet: load them now too. Each
    // watched one is caught up once its live feed is up, so nothing falls in between.
    const ids = new Set([...Object.keys(store.getState().threads), ...watched]);
    for (const id of ids) {
      const live = watched.has(id) ? watchLive(id) : Promise.resolve();
      jobs.push(session.history ? live.then(() => catchUp(id)) : live);
    }
    await Promise.all(jobs.map((job) => job.catch((error: unknown) => report(asParley(error)))));
  }

  /** Fetches newest pages until one overlaps what we have (at most 10 pages). */
  async function catchUp(conversationId: string): Promise<void> {
    const thread = store.getState().threads[conversationId] ?? emptyThread;
    // What we had before catching up (the thread's index moves on as pages arrive).
    const known = new Set(thread.messages.map((m) => m.id).filter((id) => id !== undefined));
    // Nothing known yet: the newest page is all there is to catch up with.
    const pages = known.size > 0 ? 10 : 1;
    const fetched: Message[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < pages; i++) {
      const page = await history(conversationId, cursor, i > 0);
      fetched.unshift(...page.messages);
      if (page.cursor === null || page.messages.some((m) => m.id !== undefined && known.has(m.id)))
        return;
      cursor = page.cursor;
    }
    // Still no overlap: what we had is older than a gap. Keep only the fresh pages, so the
    // thread stays contiguous and paging back fills in from the gap's edge.
    if (pages > 1) dispatch({ type: "reset", conversationId, messages: fetched, cursor });
  }

  // Conversations seen without being in the store (a first message from someone, one opened by
  // id) are named by the backend's list: ask it again, once per conversation, once per burst.
  const met = new Set<string>();
  let listTimer: unknown;
  function meet(conversationId: string, unknown = !store.getState().conversations[conversationId]) {
    if (!session.conversations || !unknown || met.has(conversationId)) return;
    met.add(conversationId);
    if (listTimer !== undefined) return;
    listTimer = timers.setTimeout(() => {
      listTimer = undefined;
      loadConversations().catch((error: unknown) => report(asParley(error)));
    }, 200);
  }

  // Once the app has asked for the list, every (re)connection reads it again: what arrived while
  // the live feed was down is only in a list read after it came up. A read that answers after a
  // later one does not overwrite it.
  let listWanted = false;
  let listReads = 0;
  let listLanded = 0;
  async function loadConversations(): Promise<Conversation[]> {
    if (!session.conversations)
      throw new ParleyError("unsupported", `${adapter.name} has no conversation list`);
    listWanted = true;
    const read = ++listReads;
    const conversations = await session.conversations();
    if (read > listLanded) {
      listLanded = read;
      dispatch({ type: "conversations", conversations });
    }
    return conversations;
  }

  function checkText(text: string, attachments?: Attachment[]) {
    if (typeof text !== "string")
      throw new ParleyError("invalid-input", "Message text must be a string");
    if (text.trim() === "" && !attachments?.length) {
      throw new ParleyError("invalid-input", "Message text is empty");
    }
    if (text.length > maxText) {
      throw new ParleyError(
        "payload-too-large",
        `Message text is longer than ${maxText} characters`,
      );
    }
  }

  const client: ChatClient = {
    getState: store.getState,
    subscribe: store.subscribe,
    store,
    capabilities: adapter.capabilities,
    on: (event, listener) => emitter.on(event, listener),
    connect: () => connection.start(),
    disconnect: () => {
      typingSender.stopAll();
      connection.stop();
    },
    setAuth(auth) {
      tokens.set(auth);
      connection.stop();
      connection.start();
    },
    loadConversations,
    async openConversation(conversationId) {
      watched.add(conversationId);
      link?.touch(conversationId);
      await ready;
      if (store.getState().connection.status === "connected") await watchLive(conversationId);
      const unknown = !store.getState().conversations[conversationId];
      const thread = store.getState().threads[conversationId];
      if (session.history && (!thread || thread.messages.length === 0)) {
        await history(conversationId, null, false);
      }
      // After the history: a backend may know a conversation's name only from its messages.
      meet(conversationId, unknown);
    },
    closeConversation(conversationId) {
      watched.delete(conversationId);
      typingSender.stop(conversationId);
      session.unwatch?.(conversationId);
    },
    async loadOlder(conversationId) {
      await ready;
      const thread = store.getState().threads[conversationId];
      if (thread && !thread.hasMore) return false;
      const cached = await link?.older(conversationId, pageSize);
      if (typeof cached === "boolean") return cached;
      const page = await history(
        conversationId,
        thread?.cursor ?? null,
        thread !== undefined && thread.messages.length > 0,
      );
      return page.cursor !== null;
    },
    send(conversationId, text, sendOptions = {}) {
      checkText(text, sendOptions.attachments);
      const clientId = createId();
      const me = store.getState().me ?? "";
      const message: Message = {
        clientId,
        conversationId,
        senderId: me,
        text,
        createdAt: new Date(timers.now()).toISOString(),
        status: "pending",
        ...(sendOptions.replyTo ? { replyTo: sendOptions.replyTo } : {}),
        ...(sendOptions.attachments ? { attachments: sendOptions.attachments } : {}),
        ...(sendOptions.extra ? { extra: sendOptions.extra } : {}),
      };
      const outgoing: OutgoingMessage = {
        clientId,
        conversationId,
        text,
        ...(sendOptions.replyTo ? { replyTo: sendOptions.replyTo } : {}),
        ...(sendOptions.attachments ? { attachments: sendOptions.attachments } : {}),
        ...(sendOptions.extra ? { extra: sendOptions.extra } : {}),
      };
      typingSender.stop(conversationId);
      dispatch({ type: "local", message });
      outbox.enqueue(outgoing);
      link?.queued(clientId);
      return message;
    },
    retry(clientId) {
      const conversationId = findConversationOf(clientId);
      const entry = outbox.get(clientId);
      if (!conversationId || !entry || entry.state !== "failed") return;
      const thread = store.getState().threads[conversationId];
      const message = thread && findMessage(thread, clientId);
      if (message) dispatch({ type: "local", message: { ...message, status: "pending" } });
      outbox.retry(clientId);
      link?.retried(clientId);
    },
    discard(clientId) {
      const conversationId = findConversationOf(clientId);
      if (conversationId && outbox.discard(clientId)) {
        dispatch({ type: "discarded", clientId, conversationId });
        link?.discarded(clientId);
      }
    },
    async markRead(conversationId) {
      dispatch({ type: "read-local", conversationId });
      const thread = store.getState().threads[conversationId] ?? emptyThread;
      const last = thread.messages
        .filter((m) => m.id !== undefined && m.senderId !== store.getState().me)
        .at(-1);
      await session.markRead?.(conversationId, last);
    },
    typing: (conversationId) => typingSender.keystroke(conversationId),
    stopTyping: (conversationId) => typingSender.stop(conversationId),
    async edit(message, text) {
      if (!session.edit)
        throw new ParleyError("unsupported", `${adapter.name} cannot edit messages`);
      checkText(text);
      const updated = await session.edit(message, text);
      dispatch({ type: "message", message: updated });
      return updated;
    },
    async delete(message) {
      if (!session.delete)
        throw new ParleyError("unsupported", `${adapter.name} cannot delete messages`);
      await session.delete(message);
      if (message.id !== undefined) {
        dispatch({
          type: "deleted",
          conversationId: message.conversationId,
          messageId: message.id,
        });
      }
    },
    upload(file, name, onProgress) {
      if (options.upload) return options.upload(file, name, onProgress);
      if (!session.upload)
        return Promise.reject(new ParleyError("unsupported", `${adapter.name} has no upload`));
      return session.upload(file, name, onProgress);
    },
    setStatus(status) {
      session.setStatus?.(status);
    },
    destroy() {
      timers.clearTimeout(listTimer);
      typingSender.stopAll();
      tracker.clear();
      outbox.dispose();
      connection.stop();
      link?.close();
      emitter.clear();
    },
  };
  // Opened once the app could subscribe: a cache may report a problem at once.
  if (link) queueMicrotask(() => link.open());
  return client;
}

function asParley(error: unknown): ParleyError {
  return error instanceof ParleyError
    ? error
    : new ParleyError("network", String(error), { cause: error });
}
