import { fakeChat, manualTimers } from "@parley/test-kit";
import { describe, expect, it, vi } from "vitest";
import type { Conversation } from "./model.js";
import { idRecord } from "./records.js";
import { type User, UserDirectory, type UserResolver } from "./user-directory.js";

const settle = async () => {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
};

const direct = (id: string, participants: Conversation["participants"]): Conversation => ({
  id,
  kind: "direct",
  participants,
  unreadCount: 0,
});

const record = (...conversations: Conversation[]) => {
  const out = idRecord<Conversation>();
  for (const c of conversations) out[c.id] = c;
  return out;
};

function setup(resolveUsers?: UserResolver, users?: User[]) {
  const clock = manualTimers();
  const directory = new UserDirectory({
    timers: clock.timers,
    random: () => 0.5,
    ...(resolveUsers && { resolveUsers }),
    ...(users && { users }),
  });
  const changes = vi.fn();
  directory.subscribe(changes);
  return { clock, directory, changes };
}

describe("UserDirectory", () => {
  it("knows the static users and answers the same object until a person changes", () => {
    const { directory } = setup(undefined, [{ id: "u1", name: "Ana", avatarUrl: "a.png" }]);
    const ana = directory.get("u1");
    expect(ana).toEqual({ id: "u1", name: "Ana", avatarUrl: "a.png" });
    expect(directory.get("u1")).toBe(ana);
    directory.add([{ id: "u2", name: "Ben" }]);
    expect(directory.get("u1")).toBe(ana);
    directory.add([{ id: "u1", name: "Ana M." }]);
    expect(directory.get("u1")).not.toBe(ana);
    expect(directory.get("u1")).toEqual({ id: "u1", name: "Ana M.", avatarUrl: "a.png" });
    expect(directory.get("nobody")).toBeUndefined();
  });

  it("lists everyone it knows, the same array until someone changes", () => {
    const { directory } = setup(undefined, [{ id: "u1", name: "Ana" }]);
    const first = directory.list();
    expect(first).toEqual([{ id: "u1", name: "Ana" }]);
    expect(directory.list()).toBe(first);
    directory.add([{ id: "u1", name: "Ana" }]);
    expect(directory.list()).toBe(first);
    directory.learn(record(direct("c1", [{ id: "u2", name: "Ben" }])));
    const second = directory.list();
    expect(second).not.toBe(first);
    expect([...second].sort((a, b) => a.id.localeCompare(b.id))).toEqual([
      { id: "u1", name: "Ana" },
      { id: "u2", name: "Ben" },
    ]);
  });

  it("hears the names the wire gives with messages, as the wire's word, and ignores nameless ones", () => {
    const { directory, changes } = setup(undefined, [{ id: "u2", name: "Ben (app)" }]);
    directory.hear([
      { id: "u1", name: "Ana", avatarUrl: null },
      { id: "u2", name: "Ben (wire)" },
      { id: "u3", name: "  " },
      { id: "u4", name: null },
      { id: "u5", name: 42 as unknown as string },
    ]);
    expect(changes).toHaveBeenCalledTimes(1);
    expect(directory.get("u1")).toEqual({ id: "u1", name: "Ana" });
    expect(directory.get("u2")?.name).toBe("Ben (app)");
    expect(["u3", "u4", "u5"].map((id) => directory.get(id))).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    directory.hear([{ id: "u1", name: "Ana" }]);
    expect(changes).toHaveBeenCalledTimes(1);
  });

  it("shows what a cache remembered below the app's and the wire's word, and still asks the resolver", async () => {
    const resolve = vi.fn(async (ids: readonly string[]) => ids.map((id) => ({ id })));
    const { clock, directory } = setup(resolve);
    directory.remember([
      { id: "u1", name: "Ana (cached)", avatarUrl: "a.png" },
      { id: "u2", name: "Ben (cached)" },
    ]);
    expect(directory.get("u1")).toEqual({ id: "u1", name: "Ana (cached)", avatarUrl: "a.png" });
    directory.hear([{ id: "u1", name: "Ana" }]);
    expect(directory.get("u1")).toEqual({ id: "u1", name: "Ana", avatarUrl: "a.png" });
    directory.request(["u1", "u2"]);
    clock.advance(0);
    await settle();
    // Ana is named by the wire now; Ben only by the cache: asked again.
    expect(resolve).toHaveBeenCalledWith(["u2"]);
    expect(directory.get("u2")?.name).toBe("Ben (cached)");
  });

  it("learns names from conversations that changed, the app's word over the wire's", () => {
    const { directory, changes } = setup(undefined, [{ id: "u2", name: "Ben (app)" }]);
    const a = direct("c1", [{ id: "me" }, { id: "u1", name: "Ana", avatar: "x.png" }]);
    const b = direct("c2", [{ id: "u2", name: "Ben (wire)" }]);
    directory.learn(record(a, b));
    expect(changes).toHaveBeenCalledTimes(1);
    expect(directory.get("u1")).toEqual({ id: "u1", name: "Ana", avatarUrl: "x.png" });
    expect(directory.get("u2")?.name).toBe("Ben (app)");
    expect(directory.get("me")).toEqual({ id: "me" });
    const ana = directory.get("u1");
    // Same conversations, or a changed one that says nothing new: no change.
    directory.learn(record(a, { ...b }));
    expect(changes).toHaveBeenCalledTimes(1);
    expect(directory.get("u1")).toBe(ana);
    // A participant without a name keeps the name already known; a blank name is no name.
    directory.learn(record({ ...a, participants: [{ id: "u1", name: " " }] }, b));
    expect(directory.get("u1")).toBe(ana);
  });

  it("batches requests of one tick into one call, each id once, never for named or pending ids", async () => {
    const resolve = vi.fn(async (ids: readonly string[]) =>
      ids.map((id) => ({ id, name: `Name ${id}` })),
    );
    const { clock, directory, changes } = setup(resolve, [{ id: "known", name: "Known" }]);
    directory.request(["a", "b"]);
    directory.request(["b", "c", "known", ""]);
    expect(resolve).not.toHaveBeenCalled();
    clock.advance(0);
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(resolve).toHaveBeenCalledWith(["a", "b", "c"]);
    directory.request(["a", "c"]); // asked, not answered yet
    clock.advance(0);
    expect(resolve).toHaveBeenCalledTimes(1);
    await settle();
    expect(changes).toHaveBeenCalledTimes(1);
    expect(directory.get("b")).toEqual({ id: "b", name: "Name b" });
    directory.request(["a", "b", "c"]);
    clock.advance(0);
    expect(resolve).toHaveBeenCalledTimes(1);
  });

  it("does not ask again for ids the resolver left out", async () => {
    const resolve = vi.fn(async () => [] as User[]);
    const { clock, directory, changes } = setup(resolve);
    directory.request(["ghost"]);
    clock.advance(0);
    await settle();
    directory.request(["ghost"]);
    clock.advance(0);
    expect(resolve).toHaveBeenCalledTimes(1);
    expect(changes).not.toHaveBeenCalled();
    expect(directory.get("ghost")).toBeUndefined();
  });

  it("retries a failed (or throwing) lookup with backoff, with ids asked meanwhile, never throwing", async () => {
    let calls = 0;
    const resolve = vi.fn((ids: readonly string[]): Promise<User[]> => {
      calls += 1;
      if (calls === 1) throw new Error("sync throw");
      if (calls === 2) return Promise.reject(new Error("offline"));
      return Promise.resolve(ids.map((id) => ({ id, name: id.toUpperCase() })));
    });
    const { clock, directory } = setup(resolve);
    directory.request(["a"]);
    clock.advance(0);
    await settle();
    expect(resolve).toHaveBeenCalledTimes(1);
    directory.request(["a", "b"]); // waiting for the retry: "a" is not asked at once
    clock.advance(0);
    expect(resolve).toHaveBeenCalledTimes(1);
    clock.advance(500); // first retry at random 0.5 within 1 s
    expect(resolve).toHaveBeenCalledTimes(2);
    expect(resolve).toHaveBeenLastCalledWith(["a", "b"]);
    await settle();
    clock.advance(1499);
    expect(resolve).toHaveBeenCalledTimes(2);
    clock.advance(1); // second retry: between 1 and 2 s, 1.5 s with random 0.5
    expect(resolve).toHaveBeenCalledTimes(3);
    await settle();
    expect(directory.get("a")?.name).toBe("A");
    expect(directory.get("b")?.name).toBe("B");
  });

  it("ignores answers after dispose and cancels the pending retry", async () => {
    let answer: (users: User[]) => void = () => {};
    const resolve = vi.fn(
      () =>
        new Promise<User[]>((r) => {
          answer = r;
        }),
    );
    const { clock, directory, changes } = setup(resolve);
    directory.request(["a"]);
    clock.advance(0);
    directory.dispose();
    answer([{ id: "a", name: "A" }]);
    await settle();
    expect(changes).not.toHaveBeenCalled();
    expect(directory.get("a")).toBeUndefined();
    expect(clock.pending()).toBe(0);
  });

  it("without a resolver, a request does nothing", () => {
    const { clock, directory } = setup();
    directory.request(["a"]);
    expect(clock.pending()).toBe(0);
  });

  it("keeps an id such as __proto__ as data", () => {
    const { directory } = setup(undefined, [{ id: "__proto__", name: "Proto" }]);
    expect(directory.get("__proto__")).toEqual({ id: "__proto__", name: "Proto" });
    expect(directory.get("constructor")).toBeUndefined();
  });

  it("is the client's users: static users, participants from the store, the resolver", async () => {
    const resolveUsers = vi.fn(async (ids: readonly string[]) =>
      ids.map((id) => ({ id, name: `Resolved ${id}` })),
    );
    const chat = fakeChat({
      conversations: [direct("c1", [{ id: "me" }, { id: "ana", name: "Ana" }, { id: "ben" }])],
      client: { users: [{ id: "me", name: "Me" }], resolveUsers },
    });
    const { users } = chat.client;
    expect(users.get("me")?.name).toBe("Me");
    await chat.connect();
    expect(users.get("ana")?.name).toBe("Ana");
    expect(users.get("ben")).toEqual({ id: "ben" });
    users.request(["ana", "ben", "me"]);
    await vi.waitFor(() => expect(users.get("ben")?.name).toBe("Resolved ben"));
    expect(resolveUsers).toHaveBeenCalledTimes(1);
    expect(resolveUsers).toHaveBeenCalledWith(["ben"]);
    chat.client.destroy();
  });
});
