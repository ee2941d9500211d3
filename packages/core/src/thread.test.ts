import { describe, expect, it } from "vitest";
import type { Message } from "./model.js";
import {
  emptyThread,
  findByServerId,
  merge,
  mergeMessages,
  messageCount,
  newestWhere,
  removeLocal,
  threadMessages,
  unseenConfirmed,
  withPaging,
} from "./thread.js";

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const server = (id: string, s: number, extra: Partial<Message> = {}): Message => ({
  clientId: `id:${id}`,
  id,
  conversationId: "c",
  senderId: "bob",
  text: `m${id}`,
  createdAt: at(s),
  status: "sent",
  ...extra,
});
const local = (clientId: string, text: string): Message => ({
  clientId,
  conversationId: "c",
  senderId: "me",
  text,
  createdAt: at(100),
  status: "pending",
});
const texts = (t: typeof emptyThread) => threadMessages(t).map((m) => m.text);

describe("mergeMessages", () => {
  it("orders by server time whatever the arrival order, and keeps one copy per id", () => {
    let thread = mergeMessages(emptyThread, [server("3", 3), server("1", 1)]);
    thread = mergeMessages(thread, [server("2", 2), server("1", 1), server("3", 3)]);
    expect(texts(thread)).toEqual(["m1", "m2", "m3"]);
    expect(thread.messages).toHaveLength(3);
  });

  it("keeps local messages after confirmed ones until the server confirms them", () => {
    let thread = mergeMessages(emptyThread, [server("1", 1)]);
    thread = mergeMessages(thread, [local("L1", "mine")]);
    thread = mergeMessages(thread, [server("2", 2)]);
    expect(texts(thread)).toEqual(["m1", "m2", "mine"]);
    // The acknowledgement carries the client id and the server's id and time.
    thread = mergeMessages(thread, [
      { ...local("L1", "mine"), id: "9", createdAt: at(1.5), status: "sent" },
    ]);
    expect(texts(thread)).toEqual(["m1", "mine", "m2"]);
    expect(findByServerId(thread, "9")?.clientId).toBe("L1");
    // A live echo of the same message, under its server id only, does not add a copy.
    thread = mergeMessages(thread, [
      server("9", 1.5, { clientId: "id:9", text: "mine", senderId: "me" }),
    ]);
    expect(texts(thread)).toEqual(["m1", "mine", "m2"]);
  });

  it("only moves receipts forward and keeps deletion", () => {
    let thread = mergeMessages(emptyThread, [server("1", 1, { status: "read" })]);
    thread = mergeMessages(thread, [server("1", 1, { status: "delivered" })]);
    expect(threadMessages(thread)[0]?.status).toBe("read");
    thread = mergeMessages(thread, [server("1", 1, { deleted: true })]);
    thread = mergeMessages(thread, [server("1", 1)]);
    expect(threadMessages(thread)[0]?.deleted).toBe(true);
  });

  it("returns the same thread when nothing changed", () => {
    const thread = mergeMessages(emptyThread, [server("1", 1)]);
    expect(mergeMessages(thread, [server("1", 1)])).toBe(thread);
    expect(mergeMessages(thread, [])).toBe(thread);
  });

  it("sorts numeric ids numerically when times tie", () => {
    const thread = mergeMessages(emptyThread, [server("10", 1), server("9", 1)]);
    expect(texts(thread)).toEqual(["m9", "m10"]);
  });

  it("removes a discarded local message but never a confirmed one", () => {
    let thread = mergeMessages(emptyThread, [server("1", 1), local("L1", "x")]);
    thread = removeLocal(thread, "L1");
    expect(texts(thread)).toEqual(["m1"]);
    expect(removeLocal(thread, "id:1")).toBe(thread);
  });
});

describe("merge", () => {
  it("reports the messages it added and keeps old snapshots unchanged", () => {
    const first = mergeMessages(emptyThread, [server("1", 1)]);
    const snapshot = first.messages;
    const { thread, added } = merge(first, [server("1", 1, { status: "read" }), server("2", 2)]);
    expect(added).toEqual(["id:2"]);
    expect(snapshot.map((m) => m.status)).toEqual(["sent"]);
    expect(thread.messages.map((m) => m.status)).toEqual(["read", "sent"]);
  });

  it("puts an older page's messages before newer ones of the same millisecond", () => {
    const newer = mergeMessages(emptyThread, [server("b", 5), server("c", 5)]);
    const withOlder = mergeMessages(newer, [server("a", 5)], { older: true });
    expect(withOlder.messages.map((m) => m.id)).toEqual(["a", "b", "c"]);
    // Without the hint a late arrival with the same time goes last (arrival order).
    const live = mergeMessages(emptyThread, [server("b", 5), server("c", 5)]);
    expect(mergeMessages(live, [server("a", 5)]).messages.map((m) => m.id)).toEqual([
      "b",
      "c",
      "a",
    ]);
  });

  it("appends a long live stream without re-sorting and keeps it in order", () => {
    let thread = emptyThread;
    for (let i = 1; i <= 500; i++) thread = mergeMessages(thread, [server(String(i), i)]);
    expect(thread.messages.map((m) => m.id)).toEqual(
      Array.from({ length: 500 }, (_, i) => String(i + 1)),
    );
  });

  it("takes the server's order for ties from a history page, even when it brings nothing new", () => {
    // Three messages of one millisecond with UUID-like ids: arrival order is all there is live,
    // and here it differs from the server's (an acknowledgement overtaken by an echo).
    let thread = mergeMessages(emptyThread, [server("u-b", 5), server("u-c", 5)]);
    thread = mergeMessages(thread, [local("L1", "mine")]);
    thread = mergeMessages(thread, [{ ...local("L1", "mine"), id: "u-a", createdAt: at(5) }]);
    expect(thread.messages.map((m) => m.id)).toEqual(["u-b", "u-c", "u-a"]);
    const page = [server("u-0", 4), server("u-a", 5), server("u-b", 5), server("u-c", 5)];
    const settled = mergeMessages(thread, page, { ordered: true });
    expect(settled.messages.map((m) => m.id)).toEqual(["u-0", "u-a", "u-b", "u-c"]);
    // A page that only repeats what is held reorders too, and an agreeing one changes nothing.
    const again = mergeMessages(thread, page.slice(1), { ordered: true });
    expect(again.messages.map((m) => m.id)).toEqual(["u-a", "u-b", "u-c"]);
    expect(mergeMessages(again, page.slice(1), { ordered: true })).toBe(again);
    // Ties the page does not cover keep their places.
    const partial = mergeMessages(thread, [server("u-c", 5), server("u-b", 5)], { ordered: true });
    expect(partial.messages.map((m) => m.id)).toEqual(["u-c", "u-b", "u-a"]);
  });

  it("orders ObjectIds of one millisecond by their counter, as the server inserted them", () => {
    const first = "6b116334260b680dac43fa8e";
    const second = "6b116334260b680dac43fa8f";
    const thread = mergeMessages(emptyThread, [server(second, 5), server(first, 5)]);
    expect(thread.messages.map((m) => m.id)).toEqual([first, second]);
  });
});

describe("thread snapshots", () => {
  it("build messages once per snapshot, keep it for paging, and leave older snapshots alone", () => {
    const one = mergeMessages(emptyThread, [server("1", 1)]);
    const two = mergeMessages(one, [server("2", 2), local("L1", "mine")]);
    expect(two).not.toBe(one);
    expect(two.messages).toBe(two.messages);
    expect(withPaging(two, "p", false).messages).toBe(two.messages);
    expect(texts(one)).toEqual(["m1"]);
    expect(texts(two)).toEqual(["m1", "m2", "mine"]);
    expect(messageCount(two)).toBe(3);
    expect(newestWhere(two, (m) => m.id !== undefined)?.text).toBe("m2");
    expect(JSON.parse(JSON.stringify(two))).toEqual({
      messages: two.messages,
      hasMore: true,
      cursor: null,
    });
  });

  it("keeps thousands of queued local messages in send order while they are confirmed in any order", () => {
    const count = 3000;
    let thread = emptyThread;
    // Queued one by one, then an older page's local copy (a cache) goes before them.
    for (let i = 0; i < count; i++) thread = mergeMessages(thread, [local(`L${i}`, `t${i}`)]);
    thread = mergeMessages(thread, [local("old", "told")], { older: true });
    expect(texts(thread).slice(0, 3)).toEqual(["told", "t0", "t1"]);
    // Confirmed every third first (out of order), the others one at a time.
    const confirmOf = (i: number) =>
      ({
        ...local(`L${i}`, `t${i}`),
        id: String(i + 1),
        createdAt: at(i),
        status: "sent",
      }) as Message;
    const order = [...Array(count).keys()].sort((a, b) => (a % 3) - (b % 3) || a - b);
    for (const [n, i] of order.entries()) {
      if (n % 500 === 0)
        thread = mergeMessages(thread, [{ ...local(`L${i}`, "edited"), status: "failed" }]);
      thread = mergeMessages(thread, [confirmOf(i)]);
    }
    const all = threadMessages(thread);
    expect(all).toHaveLength(count + 1);
    expect(all.slice(0, count).map((m) => m.id)).toEqual(
      [...Array(count).keys()].map((i) => String(i + 1)),
    );
    expect(all.at(-1)?.clientId).toBe("old");
    expect(messageCount(removeLocal(thread, "old"))).toBe(count);
  });

  it("appends 50,000 live messages one update at a time, each findable", () => {
    // The former array copied itself on every update (1.25 billion copies here); the speed is
    // the ingest benchmark's to show, this only checks the result.
    let thread = emptyThread;
    for (let i = 0; i < 50_000; i++) thread = mergeMessages(thread, [server(String(i), i)]);
    expect(messageCount(thread)).toBe(50_000);
    expect(findByServerId(thread, "49999")?.text).toBe("m49999");
    expect(threadMessages(thread)[12_345]?.id).toBe("12345");
  });

  it("tell what changed since they were last read, by the chunks they do not share", () => {
    let thread = emptyThread;
    for (let i = 0; i < 1000; i++) thread = mergeMessages(thread, [server(String(i), i)]);
    const seen = new WeakSet<object>();
    expect(unseenConfirmed(thread, seen)).toHaveLength(1000);
    expect(unseenConfirmed(thread, seen)).toEqual([]);
    const next = mergeMessages(thread, [server("1000", 1000), local("L1", "mine")]);
    const fresh = unseenConfirmed(next, seen);
    // The last chunk only (1000 = 15 full chunks of 64 and 40): not the thread.
    expect(fresh.length).toBeLessThanOrEqual(64);
    expect(fresh.at(-1)?.id).toBe("1000");
  });
});
