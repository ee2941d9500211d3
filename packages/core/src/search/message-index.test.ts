import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Message } from "../model.js";
import { intersect } from "./inverted-index.js";
import { MessageIndex } from "./message-index.js";
import { compareHits, messageKey, orderOfHit } from "./search-order.js";
import { termsOf } from "./tokenize.js";

const message = (id: string, text: string, at = 0, extra: Partial<Message> = {}): Message => ({
  clientId: `id:${id}`,
  id,
  conversationId: extra.conversationId ?? "c1",
  senderId: "u1",
  text,
  createdAt: new Date(Date.UTC(2026, 0, 1) + at * 1000).toISOString(),
  status: "sent",
  ...extra,
});

const keys = (index: MessageIndex, query: string, options: { conversationId?: string } = {}) =>
  index.query({ terms: termsOf(query), limit: 1000, ...options }).hits.map((hit) => hit.message.id);

describe("MessageIndex", () => {
  it("finds words and prefixes, newest first", () => {
    const index = new MessageIndex();
    index.put(message("1", "Hello world", 1));
    index.put(message("2", "hello there", 2));
    index.put(message("3", "goodbye", 3));
    expect(keys(index, "hello")).toEqual(["2", "1"]);
    expect(keys(index, "hel wor")).toEqual(["1"]);
    expect(keys(index, "WORLD")).toEqual(["1"]);
    expect(keys(index, "xyz")).toEqual([]);
  });

  it("drops deleted messages and re-indexes edits", () => {
    const index = new MessageIndex();
    index.put(message("1", "first draft", 1));
    index.put(message("2", "keep me", 2));
    index.put(message("1", "final text", 1, { editedAt: "2026-01-02T00:00:00Z" }));
    expect(keys(index, "draft")).toEqual([]);
    expect(keys(index, "final")).toEqual(["1"]);
    index.put(message("2", "keep me", 2, { deleted: true }));
    expect(keys(index, "keep")).toEqual([]);
    expect(index.knows(messageKey(message("2", "")))).toBe(true);
    expect(index.size).toBe(1);
  });

  it("restricts to one conversation and pages after a hit", () => {
    const index = new MessageIndex();
    for (let i = 0; i < 10; i++) {
      index.put(message(String(i), "ping", i, { conversationId: i % 2 ? "odd" : "even" }));
    }
    expect(keys(index, "ping", { conversationId: "odd" })).toEqual(["9", "7", "5", "3", "1"]);
    const first = index.query({ terms: ["ping"], limit: 4 });
    expect(first.more).toBe(true);
    const next = index.query({ terms: ["ping"], limit: 4, after: first.hits.at(-1) ?? null });
    expect([...first.hits, ...next.hits].map((h) => h.message.id)).toEqual([
      "9",
      "8",
      "7",
      "6",
      "5",
      "4",
      "3",
      "2",
    ]);
  });

  it("ignores local messages and ids that look like object keys are data", () => {
    const index = new MessageIndex();
    index.put({ ...message("x", "pending words"), id: undefined });
    index.put(message("constructor", "proto safe", 1, { conversationId: "__proto__" }));
    expect(keys(index, "pending")).toEqual([]);
    expect(keys(index, "proto")).toEqual(["constructor"]);
  });

  // The index after any sequence of puts (adds, edits, deletions) answers as a scan of the latest
  // versions does.
  it("agrees with a brute-force scan", () => {
    const vocabulary = ["alpha", "alps", "beta", "bet", "café", "CAFE", "東京都", "京都", "zeta"];
    const text = fc
      .array(fc.constantFrom(...vocabulary), { minLength: 0, maxLength: 5 })
      .map((w) => w.join(" "));
    const op = fc.record({
      id: fc.integer({ min: 0, max: 12 }).map(String),
      conversationId: fc.constantFrom("a", "b"),
      text,
      at: fc.integer({ min: 0, max: 5 }),
      deleted: fc.boolean(),
    });
    const query = fc.array(
      fc.constantFrom("al", "alpha", "b", "bet", "cafe", "cafÉ", "京", "京都", "z", "q"),
      { minLength: 1, maxLength: 2 },
    );
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 40 }),
        query,
        fc.option(fc.constantFrom("a", "b")),
        (ops, words, only) => {
          const index = new MessageIndex();
          const latest = new Map<string, Message>();
          for (const o of ops) {
            const m = message(o.id, o.text, o.at, {
              conversationId: o.conversationId,
              deleted: o.deleted,
            });
            // One id belongs to one conversation: the latest version wins.
            const previous = [...latest.values()].find((p) => p.id === o.id);
            if (previous && previous.conversationId !== m.conversationId) index.delete(previous);
            if (previous) latest.delete(messageKey(previous));
            latest.set(messageKey(m), m);
            index.put(m);
          }
          const terms = words.flatMap((w) => termsOf(w));
          const expected = [...latest.values()]
            .filter((m) => !m.deleted && (only === null || m.conversationId === only))
            .filter((m) => {
              const own = termsOf(m.text);
              return terms.every((t) => own.some((w) => w.startsWith(t)));
            })
            .map(orderOfHit)
            .sort(compareHits)
            .map((o) => o.key);
          const actual = index
            .query({ terms, limit: 1000, ...(only !== null && { conversationId: only }) })
            .hits.map((h) => h.key);
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("intersect", () => {
  it("keeps what every sorted list holds", () => {
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(fc.nat(50)), { minLength: 1, maxLength: 4 }), (lists) => {
        const sorted = lists.map((l) => [...l].sort((a, b) => a - b));
        const expected = (sorted[0] as number[]).filter((v) => sorted.every((l) => l.includes(v)));
        expect(intersect(sorted)).toEqual(expected);
      }),
    );
  });
});
