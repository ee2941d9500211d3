import { fakeChat, incoming, makeThread, manualTimers, settle } from "@parley/test-kit";
import { afterEach, describe, expect, it } from "vitest";
import type { ChatCache } from "../cache.js";
import type { Message } from "../model.js";
import type { SearchableCache } from "./local-search.js";
import { type SearchableClient, withSearch } from "./with-search.js";

const clients: SearchableClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.destroy();
});

function searchable(history: Record<string, Message[]> = {}, cache?: ChatCache) {
  const fake = fakeChat({ history, pageSize: 20 });
  const clock = manualTimers();
  const client = withSearch(fake.client, {
    timers: clock.timers,
    segmenter: null,
    ...(cache && { cache }),
  });
  clients.push(client);
  return { fake, clock, client };
}

const texts = (result: { hits: { message: Message }[] }) => result.hits.map((h) => h.message.text);

describe("withSearch", () => {
  it("indexes store changes in a later task, not during the update", async () => {
    const { fake, clock, client } = searchable({ c1: makeThread("c1", 30) });
    await fake.connect();
    await client.openConversation("c1");
    await settle();
    const internals = client as unknown as { search: unknown };
    expect(internals.search).toBeTypeOf("function");
    // The update is in the store, the index task is only scheduled.
    expect(clock.pending()).toBeGreaterThan(0);
    clock.advance(1000);
    expect(clock.pending()).toBe(0);
    const result = await client.search("invoice");
    expect(result.hits.length).toBe(2);
    expect(result.hits.every((h) => h.conversationId === "c1")).toBe(true);
  });

  it("answers newest first with ranges to highlight, page after page", async () => {
    const { fake, client } = searchable();
    await fake.connect();
    for (let i = 0; i < 7; i++)
      fake.emit({ type: "message", message: incoming("c1", `Réunion numéro ${i}`) });
    fake.emit({ type: "message", message: incoming("c2", "autre réunion") });
    await settle();
    const first = await client.search("reunion", { limit: 3 });
    expect(texts(first)).toEqual(["autre réunion", "Réunion numéro 6", "Réunion numéro 5"]);
    expect(first.hits[1]?.ranges).toEqual([{ start: 0, end: 7 }]);
    const seen = [...texts(first)];
    let cursor = first.cursor;
    while (cursor) {
      const page = await client.search("reunion", { limit: 3, cursor });
      seen.push(...texts(page));
      cursor = page.cursor;
    }
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
    const inOne = await client.search("réu num", { conversationId: "c1" });
    expect(inOne.hits).toHaveLength(7);
  });

  it("drops deleted messages and finds edits by their new text", async () => {
    const { fake, client } = searchable();
    await fake.connect();
    const a = incoming("c1", "quarterly budget draft");
    const b = incoming("c1", "budget approved");
    fake.emit({ type: "message", message: a });
    fake.emit({ type: "message", message: b });
    await settle();
    expect(texts(await client.search("budget"))).toEqual([
      "budget approved",
      "quarterly budget draft",
    ]);
    fake.emit({
      type: "edited",
      message: { ...a, text: "quarterly plan final", editedAt: a.createdAt },
    });
    fake.emit({ type: "deleted", conversationId: "c1", messageId: b.id as string });
    await settle();
    expect(texts(await client.search("budget"))).toEqual([]);
    expect(texts(await client.search("final"))).toEqual(["quarterly plan final"]);
  });

  it("loads older pages of a conversation when asked to look further back", async () => {
    const history = makeThread("c1", 100);
    history[3] = { ...(history[3] as Message), text: "the forgotten password" };
    const { fake, client } = searchable({ c1: history });
    await fake.connect();
    await client.openConversation("c1");
    await settle();
    const near = await client.search("forgotten", { conversationId: "c1" });
    expect(near.hits).toEqual([]);
    expect(near.cursor).toBeNull();
    const far = await client.search("forgotten", { conversationId: "c1", fetchOlder: true });
    expect(texts(far)).toEqual(["the forgotten password"]);
    expect(fake.session.history.mock.calls.length).toBeGreaterThan(1);
  });

  it("stops after the pages it may load, with a cursor to go on", async () => {
    const history = makeThread("c1", 200);
    history[0] = { ...(history[0] as Message), text: "ancient news" };
    const { fake, client } = searchable({ c1: history });
    await fake.connect();
    await client.openConversation("c1");
    const first = await client.search("ancient", {
      conversationId: "c1",
      fetchOlder: { pages: 2 },
    });
    expect(first.hits).toEqual([]);
    expect(first.cursor).not.toBeNull();
    let result = first;
    for (let i = 0; i < 10 && result.hits.length === 0 && result.cursor; i++) {
      result = await client.search("ancient", {
        conversationId: "c1",
        fetchOlder: { pages: 2 },
        cursor: result.cursor,
      });
    }
    expect(texts(result)).toEqual(["ancient news"]);
  });

  it("merges what a searchable cache stored, the store's version winning", async () => {
    const stored = [
      { ...incoming("c9", "archived invoice 2024") },
      { ...incoming("c1", "invoice sent") },
    ];
    const asked: string[][] = [];
    const cache = {
      open: (host: Parameters<ChatCache["open"]>[0]) =>
        host.hydrate({ me: null, conversations: [], threads: [], outbox: [] }),
      persist() {},
      persistOutbox: async () => {},
      clear: async () => {},
      close: async () => {},
      async searchStored(query: { terms: readonly string[] }) {
        asked.push([...query.terms]);
        return [...stored].reverse(); // newest first, as a cache answers
      },
    } satisfies ChatCache & SearchableCache;
    const { fake, client } = searchable({}, cache);
    await fake.connect();
    // The store holds the second stored message, edited since.
    fake.emit({ type: "message", message: { ...(stored[1] as Message), text: "invoice paid" } });
    await settle();
    const result = await client.search("invoice");
    expect(texts(result)).toEqual(["invoice paid", "archived invoice 2024"]);
    expect(asked).toEqual([["invoice"]]);
  });

  it("finds nothing for a query without words", async () => {
    const { client } = searchable();
    expect(await client.search("  ,; ")).toEqual({ hits: [], cursor: null });
  });
});
