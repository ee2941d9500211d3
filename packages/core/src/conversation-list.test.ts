import { deferred, manualTimers } from "@parley/test-kit";
import { describe, expect, it } from "vitest";
import type { AdapterSession } from "./adapter.js";
import { ConversationList } from "./conversation-list.js";
import { ParleyError } from "./errors.js";
import type { Conversation } from "./model.js";
import { reduce } from "./reducer.js";
import { createChatStore } from "./state.js";
import type { StoreEvent } from "./store-events.js";

const conversation = (id: string, title = id): Conversation => ({
  id,
  kind: "direct",
  title,
  participants: [],
  unreadCount: 0,
});

/** Lets a settled read's continuation (and a catch handler after it) run. */
async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

function setup(withList = true) {
  const store = createChatStore();
  const clock = manualTimers();
  const reads: Array<ReturnType<typeof deferred<Conversation[]>>> = [];
  const session: AdapterSession = {
    connect: () => Promise.resolve(),
    disconnect: () => {},
    send: () => Promise.resolve(null),
    ...(withList && {
      conversations: () => {
        const read = deferred<Conversation[]>();
        reads.push(read);
        return read.promise;
      },
    }),
  };
  const dispatched: StoreEvent[] = [];
  const reported: ParleyError[] = [];
  const list = new ConversationList({
    session,
    adapterName: "test-dialect",
    store,
    dispatch: (event) => dispatched.push(event),
    report: (error) => reported.push(error),
    timers: clock.timers,
  });
  const listed = () =>
    dispatched.flatMap((e) =>
      e.type === "conversations" ? [e.conversations.map((c) => c.id)] : [],
    );
  return { store, clock, reads, list, dispatched, reported, listed };
}

describe("ConversationList.load", () => {
  it("reads the list, dispatches it as `conversations` and answers it", async () => {
    const { list, reads, dispatched } = setup();
    expect(list.wanted).toBe(false);
    const loading = list.load();
    expect(list.wanted).toBe(true);
    expect(reads).toHaveLength(1);
    reads[0]?.resolve([conversation("a"), conversation("b")]);
    await expect(loading).resolves.toEqual([conversation("a"), conversation("b")]);
    expect(dispatched).toEqual([
      { type: "conversations", conversations: [conversation("a"), conversation("b")] },
    ]);
  });

  it("dispatches reads that answer in order, each of them", async () => {
    const { list, reads, listed } = setup();
    const first = list.load();
    const second = list.load();
    reads[0]?.resolve([conversation("old")]);
    await first;
    reads[1]?.resolve([conversation("new")]);
    await second;
    expect(listed()).toEqual([["old"], ["new"]]);
  });

  it("never lets an older read that answers late overwrite a newer one", async () => {
    const { list, reads, listed } = setup();
    const first = list.load();
    const second = list.load();
    reads[1]?.resolve([conversation("new")]);
    await expect(second).resolves.toEqual([conversation("new")]);
    reads[0]?.resolve([conversation("old")]);
    // The late read still answers its caller, but the store keeps the newer list.
    await expect(first).resolves.toEqual([conversation("old")]);
    expect(listed()).toEqual([["new"]]);
  });

  it("rejects with `unsupported` when the session has no conversation list", async () => {
    const { list, dispatched } = setup(false);
    expect(list.available).toBe(false);
    const error = await list.load().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ParleyError);
    expect((error as ParleyError).code).toBe("unsupported");
    expect((error as ParleyError).message).toContain("test-dialect");
    expect(list.wanted).toBe(false);
    expect(dispatched).toEqual([]);
  });
});

describe("ConversationList.meet", () => {
  it("reads the list again once per burst of unknown conversations, 200 ms after the first", async () => {
    const { list, reads, clock, listed } = setup();
    list.meet("x");
    clock.advance(100);
    list.meet("y");
    list.meet("x");
    expect(clock.pending()).toBe(1);
    clock.advance(99);
    expect(reads).toHaveLength(0);
    clock.advance(1);
    expect(reads).toHaveLength(1);

    reads[0]?.resolve([conversation("x"), conversation("y")]);
    await flushMicrotasks();
    expect(listed()).toEqual([["x", "y"]]);
    expect(clock.pending()).toBe(0);
  });

  it("naming a met conversation does not make the list wanted after every reconnection", () => {
    const { list, reads, clock } = setup();
    list.meet("x");
    clock.advance(200);
    expect(reads).toHaveLength(1);
    expect(list.wanted).toBe(false);
  });

  it("reads again for each conversation only once", () => {
    const { list, reads, clock } = setup();
    list.meet("x");
    clock.advance(200);
    expect(reads).toHaveLength(1);

    // Still unknown to the store (the read has not answered), but already met.
    list.meet("x");
    clock.advance(1000);
    expect(reads).toHaveLength(1);

    list.meet("z");
    clock.advance(200);
    expect(reads).toHaveLength(2);
  });

  it("meets a conversation again that the list read for it did not hold yet", async () => {
    const { list, reads, clock, listed } = setup();
    // Opened by id before anyone wrote in it: the list does not have it yet.
    list.meet("x");
    clock.advance(200);
    reads[0]?.resolve([conversation("other")]);
    await flushMicrotasks();
    // Its first message comes: the list is read again, and names it.
    list.meet("x");
    clock.advance(200);
    expect(reads).toHaveLength(2);
    reads[1]?.resolve([conversation("other"), conversation("x")]);
    await flushMicrotasks();
    expect(listed()).toEqual([["other"], ["other", "x"]]);
    list.meet("x");
    clock.advance(1000);
    expect(reads).toHaveLength(2);
  });

  it("does not read for a conversation the store knows", () => {
    const { list, reads, clock, store } = setup();
    store.setState(
      reduce(store.getState(), [{ type: "conversations", conversations: [conversation("known")] }]),
      true,
    );
    expect(list.isUnknown("known")).toBe(false);
    expect(list.isUnknown("stranger")).toBe(true);
    list.meet("known");
    expect(clock.pending()).toBe(0);
    clock.advance(1000);
    expect(reads).toHaveLength(0);

    // The caller may say it is unknown after all (checked before its own dispatch).
    list.meet("known", true);
    clock.advance(200);
    expect(reads).toHaveLength(1);
  });

  it("does not read when the session has no conversation list", () => {
    const { list, clock, dispatched, reported } = setup(false);
    list.meet("x");
    expect(clock.pending()).toBe(0);
    clock.advance(1000);
    expect(dispatched).toEqual([]);
    expect(reported).toEqual([]);
  });

  it("reports a failed read instead of throwing", async () => {
    const { list, reads, clock, reported, dispatched } = setup();
    list.meet("x");
    clock.advance(200);
    reads[0]?.reject(new ParleyError("server", "list broke"));
    await flushMicrotasks();
    expect(reported.map((e) => [e.code, e.message])).toEqual([["server", "list broke"]]);
    expect(dispatched).toEqual([]);
  });

  it("dispose cancels a pending read", () => {
    const { list, reads, clock } = setup();
    list.meet("x");
    list.dispose();
    expect(clock.pending()).toBe(0);
    clock.advance(1000);
    expect(reads).toHaveLength(0);
  });
});
