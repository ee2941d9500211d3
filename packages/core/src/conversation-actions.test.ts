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
