import { fakeAdapter, settle, waitFor } from "@parley/test-kit";
import { describe, expect, it } from "vitest";
import { createChatClient } from "./client.js";
import { ParleyError } from "./errors.js";

describe("openConversation", () => {
  it("reports a history that fails and keeps the conversation's live feed", async () => {
    const { adapter, session, emit } = fakeAdapter({ capabilities: { history: true } });
    session.history.mockRejectedValue(new ParleyError("server", "Internal Server Error"));
    const client = createChatClient({ adapter, url: "http://x", auth: "t" });
    const errors: string[] = [];
    client.on("error", (error) => errors.push(`${error.code}: ${error.message}`));
    client.connect();
    await settle();
    await expect(client.openConversation("c")).resolves.toBeUndefined();
    expect(errors).toEqual(["server: Internal Server Error"]);
    expect(session.watch).toHaveBeenCalledWith("c");
    emit({
      type: "message",
      message: {
        clientId: "id:1",
        id: "1",
        conversationId: "c",
        senderId: "other",
        text: "still live",
        createdAt: "2026-01-09T10:30:00.000Z",
        status: "sent",
      },
    });
    await waitFor(client, (s) => s.threads.c?.messages.some((m) => m.text === "still live"));
    client.destroy();
  });

  it("still rejects when the conversation is not the caller's to read", async () => {
    const { adapter, session } = fakeAdapter({ capabilities: { history: true } });
    session.history.mockRejectedValue(new ParleyError("forbidden", "Not a participant"));
    const client = createChatClient({ adapter, url: "http://x", auth: "t" });
    client.connect();
    await settle();
    await expect(client.openConversation("c")).rejects.toMatchObject({ code: "forbidden" });
    client.destroy();
  });
});

describe("startConversation", () => {
  it("shows a new conversation with the person at once, keyed by their id, and keeps a known one", async () => {
    const { adapter } = fakeAdapter({ capabilities: { createConversation: true } });
    const client = createChatClient({ adapter, url: "http://x", auth: "t" });
    client.connect();
    await waitFor(client, (s) => s.me === "me");
    expect(client.startConversation("u2")).toBe("u2");
    await waitFor(client, (s) => s.conversations.u2 !== undefined);
    expect(client.getState().conversations.u2).toEqual({
      id: "u2",
      kind: "direct",
      participants: [{ id: "me" }, { id: "u2" }],
      unreadCount: 0,
    });
    const started = client.getState().conversations.u2;
    expect(client.startConversation("u2")).toBe("u2");
    await settle();
    expect(client.getState().conversations.u2).toBe(started);
    client.destroy();
  });

  it("refuses where the backend starts no conversation by writing, and with oneself", async () => {
    const closed = createChatClient({ adapter: fakeAdapter().adapter, url: "http://x", auth: "t" });
    expect(() => closed.startConversation("u2")).toThrow(
      expect.objectContaining({ code: "unsupported" }),
    );
    closed.destroy();
    const { adapter } = fakeAdapter({ capabilities: { createConversation: true } });
    const client = createChatClient({ adapter, url: "http://x", auth: "t" });
    client.connect();
    await waitFor(client, (s) => s.me === "me");
    expect(() => client.startConversation("me")).toThrow(
      expect.objectContaining({ code: "unsupported" }),
    );
    client.destroy();
  });
});
