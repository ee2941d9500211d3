import { fakeAdapter } from "@parley/test-kit";
import { describe, expect, it, vi } from "vitest";
import { createChatClient } from "./client.js";
import { ParleyError } from "./errors.js";
import type { Message } from "./model.js";
import { emptyThread, threadMessages } from "./thread.js";

const settle = () => new Promise((r) => setTimeout(r, 0));

describe("createChatClient", () => {
  it("refuses empty and oversize text before anything is sent", async () => {
    const { adapter, sent } = fakeAdapter();
    const client = createChatClient({ adapter, url: "http://x", auth: "t", maxTextLength: 10 });
    client.connect();
    await settle();
    expect(() => client.send("c", "   ")).toThrow(
      expect.objectContaining({ code: "invalid-input" }),
    );
    expect(() => client.send("c", "x".repeat(11))).toThrow(
      expect.objectContaining({ code: "payload-too-large" }),
    );
    expect(client.getState().threads.c).toBeUndefined();
    expect(sent).toEqual([]);
    client.destroy();
  });

  it("shows a send at once as pending, then confirms it from the echo", async () => {
    const { adapter, sent, context } = fakeAdapter();
    const client = createChatClient({ adapter, url: "http://x", auth: "t" });
    client.connect();
    await settle();
    const message = client.send("c", "hello");
    await settle();
    expect(threadMessages(client.getState().threads.c ?? emptyThread).map((m) => m.status)).toEqual(
      ["pending"],
    );
    expect(sent.map((o) => o.text)).toEqual(["hello"]);
    context().emit({
      type: "message",
      message: {
        clientId: "id:9",
        id: "9",
        conversationId: "c",
        senderId: "me",
        text: "hello",
        createdAt: new Date().toISOString(),
        status: "sent",
      },
    });
    await settle();
    expect(threadMessages(client.getState().threads.c ?? emptyThread)).toEqual([
      expect.objectContaining({ clientId: message.clientId, id: "9", status: "sent" }),
    ]);
    client.destroy();
  });

  it("never lets an app listener or a bad event reach the adapter", async () => {
    const { adapter, context } = fakeAdapter();
    const client = createChatClient({ adapter, url: "http://x", auth: "t" });
    const errors: ParleyError[] = [];
    client.on("error", (e) => errors.push(e));
    client.on("message", () => {
      throw new Error("app bug");
    });
    client.connect();
    await settle();
    expect(() =>
      context().emit({
        type: "message",
        message: {
          clientId: "id:1",
          id: "1",
          conversationId: "c",
          senderId: "bob",
          text: "x",
          createdAt: "",
          status: "sent",
        },
      }),
    ).not.toThrow();
    context().emit({ type: "error", error: new ParleyError("protocol", "malformed frame") });
    await settle();
    expect(errors.map((e) => e.code)).toEqual(["protocol", "protocol"]);
    expect(threadMessages(client.getState().threads.c ?? emptyThread)).toHaveLength(1);
    client.destroy();
  });

  it("debounces typing into start and stop signals", async () => {
    const typing = vi.fn();
    const { adapter } = fakeAdapter({
      capabilities: { typing: true },
      session: () => ({ typing }),
    });
    const client = createChatClient({
      adapter,
      url: "http://x",
      auth: "t",
      typing: { idleMs: 50 },
    });
    client.connect();
    await settle();
    client.typing("c");
    client.typing("c");
    client.typing("c");
    await new Promise((r) => setTimeout(r, 80));
    expect(typing.mock.calls).toEqual([
      ["c", true],
      ["c", false],
    ]);
    client.destroy();
  });

  it("uploads through an app-supplied function, and refuses when there is none", async () => {
    const { adapter } = fakeAdapter();
    const bare = createChatClient({ adapter, url: "http://x", auth: "t" });
    await expect(bare.upload(new Blob(["x"]), "a.txt")).rejects.toMatchObject({
      code: "unsupported",
    });
    const progress: number[] = [];
    const client = createChatClient({
      adapter,
      url: "http://x",
      auth: "t",
      upload: async (file, name, onProgress) => {
        onProgress?.(0.5);
        onProgress?.(1);
        return { url: `https://files.example/${name}`, name, size: file.size };
      },
    });
    const attachment = await client.upload(new Blob(["hello"]), "a.txt", (f) => progress.push(f));
    expect(attachment).toEqual({ url: "https://files.example/a.txt", name: "a.txt", size: 5 });
    expect(progress).toEqual([0.5, 1]);
    bare.destroy();
    client.destroy();
  });

  it("keeps a thread contiguous when a long absence leaves a gap behind the catch-up pages", async () => {
    // The server's history: newest last; pages of 2, newest page first, cursor = how many to skip.
    const serverMessages: Message[] = [];
    const add = (n: number) =>
      serverMessages.push({
        clientId: `id:${n}`,
        id: String(n),
        conversationId: "c",
        senderId: "bob",
        text: `m${n}`,
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
        status: "sent",
      });
    add(1);
    add(2);
    const { adapter, context } = fakeAdapter({
      capabilities: { history: true },
      session: () => ({
        history: async (_id, cursor, limit) => {
          const skip = cursor === null ? 0 : Number(cursor);
          const end = serverMessages.length - skip;
          const messages = serverMessages.slice(Math.max(0, end - limit), end);
          return { messages, cursor: end - limit > 0 ? String(skip + limit) : null };
        },
      }),
    });
    const client = createChatClient({
      adapter,
      url: "http://x",
      auth: "t",
      pageSize: 2,
      backoff: { min: 1, max: 1 },
    });
    client.connect();
    await settle();
    await client.openConversation("c");
    await settle();
    const ids = () =>
      threadMessages(client.getState().threads.c ?? emptyThread).map((m) => Number(m.id));
    expect(ids()).toEqual([1, 2]);

    for (let n = 3; n <= 40; n++) add(n); // 38 messages while we were away: more than 10 pages
    context().emit({ type: "closed", error: new ParleyError("network", "dropped") });
    await new Promise((r) => setTimeout(r, 100));
    expect(client.getState().connection.status).toBe("connected");
    expect(ids()).toEqual(Array.from({ length: 20 }, (_, i) => 21 + i)); // no m2 -> m21 jump
    expect(client.getState().threads.c?.hasMore).toBe(true);
    await client.loadOlder("c");
    await settle();
    expect(ids()[0]).toBe(19);
    expect(ids()).toEqual(Array.from({ length: 22 }, (_, i) => 19 + i));
    client.destroy();
  });
});

describe("the conversation list", () => {
  /** A backend whose list the test changes; each read answers after `delays.shift()` ms. */
  function listBackend() {
    const server = { unread: 0, reads: 0 };
    const delays: number[] = [];
    const { adapter } = fakeAdapter({
      capabilities: { conversationList: true },
      session: () => ({
        async conversations() {
          server.reads += 1;
          const unreadCount = server.unread;
          await new Promise((r) => setTimeout(r, delays.shift() ?? 0));
          return [{ id: "c", kind: "direct" as const, participants: [], unreadCount }];
        },
      }),
    });
    return { adapter, server, delays };
  }

  it("is read again once the link is up, so what came while it was down shows", async () => {
    const { adapter, server, delays } = listBackend();
    const client = createChatClient({ adapter, url: "http://x", auth: "t" });
    delays.push(50);
    // Asked for at start, before the link is up; still on its way when the link comes up.
    const first = client.loadConversations();
    server.unread = 3; // arrived after that read, before the live feed was up
    client.connect();
    await first;
    await vi.waitFor(() => expect(client.getState().conversations.c?.unreadCount).toBe(3));
    expect(server.reads).toBe(2);
    client.destroy();
  });

  it("keeps a later read when an earlier one answers after it", async () => {
    const { adapter, server, delays } = listBackend();
    const client = createChatClient({ adapter, url: "http://x", auth: "t" });
    delays.push(50, 0);
    const slow = client.loadConversations(); // reads unread 0, answers late
    server.unread = 1;
    await client.loadConversations(); // reads unread 1, answers first
    await slow;
    expect(client.getState().conversations.c?.unreadCount).toBe(1);
    client.destroy();
  });
});
