import { withSearch } from "@parley/core/search";
import { fakeChat, incoming, manualTimers, settle, withoutErrorReports } from "@parley/test-kit";
import { act, cleanup, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { ChatProvider } from "./chat-provider.js";
import { type UseSearchOptions, useSearch } from "./use-search.js";

const clients: { destroy(): void }[] = [];
afterEach(() => {
  cleanup();
  for (const client of clients.splice(0)) client.destroy();
});

async function setup(count = 0) {
  const fake = fakeChat();
  const client = withSearch(fake.client, { segmenter: null });
  clients.push(client);
  await fake.connect();
  for (let i = 0; i < count; i++)
    fake.emit({ type: "message", message: incoming("c1", `lunch plan ${i}`) });
  fake.emit({ type: "message", message: incoming("c2", "dinner plan") });
  await settle();
  const clock = manualTimers();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <ChatProvider client={client}>{children}</ChatProvider>
  );
  const hook = (query: string, options: UseSearchOptions = {}) =>
    renderHook((q: string) => useSearch(q, { timers: clock.timers, debounceMs: 200, ...options }), {
      wrapper,
      initialProps: query,
    });
  return { client, clock, hook };
}

/** Runs the debounce timer and lets the search answer. */
async function fire(clock: ReturnType<typeof manualTimers>, ms = 200) {
  await act(async () => {
    clock.advance(ms);
    await settle();
  });
}

describe("useSearch", () => {
  it("is idle without a query", async () => {
    const { hook, clock } = await setup();
    const { result } = hook("   ");
    expect(result.current).toMatchObject({ status: "idle", results: [], hasMore: false });
    expect(clock.pending()).toBe(0);
  });

  it("searches once typing pauses, not on every keystroke", async () => {
    const { hook, clock } = await setup(3);
    const { result, rerender } = hook("l");
    expect(result.current.status).toBe("searching");
    rerender("lu");
    await fire(clock, 100);
    rerender("lunch");
    await fire(clock, 100);
    expect(result.current.status).toBe("searching");
    await fire(clock, 100);
    expect(result.current.status).toBe("done");
    expect(result.current.results.map((h) => h.message.text)).toEqual([
      "lunch plan 2",
      "lunch plan 1",
      "lunch plan 0",
    ]);
    expect(result.current.results[0]?.ranges).toEqual([{ start: 0, end: 5 }]);
  });

  it("loads further pages and appends them", async () => {
    const { hook, clock } = await setup(5);
    const { result } = hook("plan", { limit: 4 });
    await fire(clock);
    expect(result.current.results).toHaveLength(4);
    expect(result.current.hasMore).toBe(true);
    await act(async () => {
      result.current.loadMore();
      await settle();
    });
    expect(result.current.results).toHaveLength(6);
    expect(result.current.hasMore).toBe(false);
    expect(new Set(result.current.results.map((h) => h.message.id)).size).toBe(6);
  });

  it("narrows to one conversation and never shows an older query's answer", async () => {
    const { hook, clock } = await setup(2);
    const { result, rerender } = hook("plan", { conversationId: "c2" });
    await fire(clock);
    expect(result.current.results.map((h) => h.message.text)).toEqual(["dinner plan"]);
    rerender("dinner");
    expect(result.current).toMatchObject({ status: "searching", results: [] });
    await fire(clock);
    expect(result.current.results.map((h) => h.message.text)).toEqual(["dinner plan"]);
  });

  it("says clearly when the client cannot search", async () => {
    const fake = fakeChat();
    const wrapper = ({ children }: { children: ReactNode }) => (
      <ChatProvider client={fake.client}>{children}</ChatProvider>
    );
    clients.push(fake.client);
    expect(() => withoutErrorReports(() => renderHook(() => useSearch("x"), { wrapper }))).toThrow(
      /withSearch/,
    );
  });
});
