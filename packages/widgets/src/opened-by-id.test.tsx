import { type Conversation, ParleyError } from "@parley/core";
import { fakeChat, waitFor } from "@parley/test-kit";
import { act, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { stubLayout } from "../test/layout.js";
import { renderWithChat } from "../test/render.js";
import { ChatWindow } from "./chat-window.js";

// A chat opened by its id (a link, a notification) before the client knows the conversation.
const bob = "64f1a2b3c4d5e6f7a8b9c0d1";
const withBob: Conversation = {
  id: bob,
  kind: "direct",
  participants: [{ id: "me" }, { id: bob }],
  unreadCount: 2,
};

let restore: () => void = () => {};
beforeEach(() => {
  restore = stubLayout();
});
afterEach(() => restore());

describe("a conversation opened by id", () => {
  it("is titled with the person's name at once where chats are keyed by person", async () => {
    const chat = fakeChat({
      capabilities: { createConversation: true },
      client: { users: [{ id: bob, name: "Bob Stone" }] },
    });
    await chat.connect();
    renderWithChat(chat.client, <ChatWindow defaultConversationId={bob} layout="single" />);
    expect(screen.getByRole("heading", { name: "Bob Stone" })).toBeTruthy();
    expect(screen.queryByRole("heading", { name: "Conversation" })).toBeNull();
    // A message names the conversation before any list does: still his name.
    act(() =>
      chat.emit({
        type: "message",
        message: {
          clientId: "id:1",
          id: "1",
          conversationId: bob,
          senderId: bob,
          text: "Hi",
          createdAt: "2025-03-03T08:00:00.000Z",
          status: "sent",
        },
      }),
    );
    expect(await screen.findByText("Hi")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Bob Stone" })).toBeTruthy();
  });

  it("keeps the conversation list loaded while only the thread shows: read again after a reconnect", async () => {
    const chat = fakeChat({
      conversations: [withBob],
      client: { users: [{ id: bob, name: "Bob Stone" }], backoff: { min: 10, max: 20 } },
    });
    // Connected, the list not read yet (a link opened the app on this chat).
    chat.client.connect();
    await waitFor(chat.client, (s) => s.connection.status === "connected");
    renderWithChat(chat.client, <ChatWindow defaultConversationId={bob} layout="single" />);
    expect(await screen.findByRole("heading", { name: "Bob Stone" })).toBeTruthy();
    await vi.waitFor(() => expect(chat.session.conversations).toHaveBeenCalledTimes(1));
    // The link drops and comes back: the list the window wants is read again.
    act(() => chat.emit({ type: "closed", error: new ParleyError("network", "dropped") }));
    await waitFor(chat.client, (s) => s.connection.status === "connected");
    await vi.waitFor(() => expect(chat.session.conversations).toHaveBeenCalledTimes(2));
    await userEvent.click(screen.getByRole("button", { name: "Back to conversations" }));
    const nav = screen.getByRole("navigation", { name: "Conversations" });
    expect(within(nav).getByRole("button", { name: /Bob Stone/ })).toBeTruthy();
  });
});
