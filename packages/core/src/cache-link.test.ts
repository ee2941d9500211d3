import { fakeAdapter } from "@parley/test-kit";
import { describe, expect, it, vi } from "vitest";
import type { CacheHost, ChatCache, OutboxWrite, TabMessage } from "./cache.js";
import { createChatClient } from "./client.js";
import type { Message } from "./model.js";
import { emptyThread, threadMessages } from "./thread.js";

const settle = (ms = 5) => new Promise((r) => setTimeout(r, ms));
/** Until the cache link (loaded on demand) has opened the cache. */
const linked = (host: () => CacheHost | undefined) =>
  vi.waitFor(() => expect(host()).toBeDefined(), { timeout: 5_000 });
const until = (check: () => void) => vi.waitFor(check, { timeout: 5_000 });

const message = (i: number, text = `m${i}`): Message => ({
  clientId: `id:${i}`,
  id: String(i),
  conversationId: "c",
  senderId: "friend",
  text,
  createdAt: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
  status: "sent",
});

/** A cache in memory: the client's contract without any storage. */
function memoryCache(options: { tabs?: boolean } = {}) {
  const posted: TabMessage[] = [];
  const outbox: OutboxWrite[] = [];
  let host: CacheHost | undefined;
  const cache: ChatCache = {
    open: (h) => {
      host = h;
    },
    persist() {},
    persistOutbox: async (write) => {
      outbox.push(write);
    },
    ...(options.tabs ? { post: (m: TabMessage) => posted.push(m) } : {}),
    clear: async () => {},
    close: async () => {},
  };
  return {
    cache,
    posted,
    outbox,
    /** The link's side of the cache; throws before the link has opened it. */
    host: () => {
      if (!host) throw new Error("the cache link has not opened the cache yet");
      return host;
    },
    opened: () => host,
  };
}

const adapter = () =>
  fakeAdapter({
    capabilities: { history: true },
    session: (_context, sent) => ({
      send: async (o) => {
        sent.push(o);
        return { ...message(100 + sent.length, o.text), senderId: "me" };
      },
      history: async () => ({ messages: [message(3), message(4)], cursor: null }),
    }),
  });

describe("a client with a cache", () => {
  it("applies the cache before anything from the network, and merges without duplicates", async () => {
    const { cache, host, opened } = memoryCache();
    const { adapter: a, context } = adapter();
    const client = createChatClient({ adapter: a, url: "http://x", auth: "t", cache });
    const updates: string[][] = [];
    client.subscribe((s) =>
      updates.push(threadMessages(s.threads.c ?? emptyThread).map((m) => m.text)),
    );
    client.connect();
    await linked(opened);
    context().emit({ type: "message", message: message(4) });
    await settle(); // a negative: nothing may show in the meantime
    expect(updates.every((u) => u.length === 0)).toBe(true); // held until the cache answers

    host().hydrate({
      me: "me",
      conversations: [],
      threads: [
        {
          conversationId: "c",
          messages: [1, 2, 3].map((i) => message(i)),
          cursor: null,
          hasMore: false,
        },
      ],
      outbox: [],
    });
    await until(() => expect(updates.find((u) => u.length > 0)).toEqual(["m1", "m2", "m3", "m4"]));
    expect(threadMessages(client.getState().threads.c ?? emptyThread).map((m) => m.text)).toEqual([
      "m1",
      "m2",
      "m3",
      "m4",
    ]);
    client.destroy();
  });

  it("restores the outbox and sends it once the link is up", async () => {
    const { cache, host, opened } = memoryCache();
    const { adapter: a, sent } = adapter();
    const client = createChatClient({ adapter: a, url: "http://x", auth: "t", cache });
    client.connect();
    await linked(opened);
    host().hydrate({
      me: "me",
      conversations: [],
      threads: [],
      outbox: [
        {
          outgoing: { clientId: "k1", conversationId: "c", text: "restored" },
          state: "queued",
          attempts: 0,
          queuedAt: Date.UTC(2026, 0, 2),
        },
      ],
    });
    // Caught up with the conversation's history on connecting, the restored one confirmed.
    await until(() =>
      expect(
        threadMessages(client.getState().threads.c ?? emptyThread).map(
          (m) => `${m.text}:${m.status}`,
        ),
      ).toEqual(["m3:sent", "m4:sent", "restored:sent"]),
    );
    expect(sent.map((o) => o.text)).toEqual(["restored"]);
    client.destroy();
  });

  it("hands the cache what each outbox change touched, not the whole outbox", async () => {
    const { cache, host, opened, outbox } = memoryCache();
    const { adapter: a, sent } = adapter();
    const client = createChatClient({ adapter: a, url: "http://x", auth: "t", cache });
    client.connect();
    await linked(opened);
    host().hydrate({ me: "me", conversations: [], threads: [], outbox: [] });
    const queued = Array.from({ length: 50 }, (_, i) => client.send("c", `q${i}`).clientId);
    await until(() => expect(sent).toHaveLength(50));
    await until(() =>
      expect(outbox.filter((w) => w.remove.length > 0).flatMap((w) => w.remove)).toEqual(queued),
    );
    // Beyond the one whole write when the cache was read, no write holds more than one entry.
    const [first, ...rest] = outbox;
    expect(first).toEqual({ put: [], remove: [] });
    expect(Math.max(...rest.map((w) => w.put.length + w.remove.length))).toBe(1);
    expect(rest.filter((w) => w.put.some((r) => r.state === "inflight"))).toHaveLength(50);
    client.destroy();
  });

  it("transmits only while it leads; a send elsewhere is posted to the other tabs", async () => {
    const { cache, host, opened, posted } = memoryCache({ tabs: true });
    const { adapter: a, sent } = adapter();
    const client = createChatClient({ adapter: a, url: "http://x", auth: "t", cache });
    client.connect();
    await linked(opened);
    host().hydrate({ me: "me", conversations: [], threads: [], outbox: [] });
    host().leadership(false, []);
    await settle();
    const local = client.send("c", "from a follower");
    await until(() =>
      expect(posted).toContainEqual({
        type: "enqueue",
        entry: expect.objectContaining({
          outgoing: expect.objectContaining({ text: "from a follower" }),
        }),
      }),
    );
    await settle(20); // a negative: a follower never sends
    expect(sent).toEqual([]);

    // The leading tab confirms it: done here too, without sending.
    host().receive({
      type: "confirmed",
      clientId: local.clientId,
      message: { ...message(7, "from a follower"), senderId: "me" },
    });
    await until(() =>
      expect(
        threadMessages(client.getState().threads.c ?? emptyThread).map((m) => m.status),
      ).toEqual(["sent"]),
    );

    // Leading now: what another tab queued is sent, once.
    host().leadership(true, [
      {
        outgoing: { clientId: "k2", conversationId: "c", text: "stored by another tab" },
        state: "queued",
        attempts: 0,
        queuedAt: Date.now(),
      },
    ]);
    await until(() => expect(sent.map((o) => o.text)).toEqual(["stored by another tab"]));
    expect(posted.map((m) => m.type)).toContain("sending");
    expect(posted.map((m) => m.type)).toContain("confirmed");
    client.destroy();
  });
});
