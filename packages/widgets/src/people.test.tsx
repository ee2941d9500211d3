import type { Conversation, User } from "@parley/core";
import { fakeChat, makeThread } from "@parley/test-kit";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { stubLayout } from "../test/layout.js";
import { renderWithChat } from "../test/render.js";
import { ChatWindow } from "./chat-window.js";
import { fr } from "./locales/fr.js";

// People the backend names by id only: a direct chat filed under the other person's id (as in
// friends-ws and care-socketio), and a group without a title.
const alice = "2b8e9c14-5d1f-4a8e-9f3c-7a6b5c4d3e2f";
const bob = "64f1a2b3c4d5e6f7a8b9c0d1";

const direct: Conversation = {
  id: alice,
  kind: "direct",
  participants: [{ id: "me" }, { id: alice }],
  unreadCount: 0,
  lastMessage: {
    clientId: "id:last",
    id: "last",
    conversationId: alice,
    senderId: alice,
    text: "See you soon",
    createdAt: "2025-03-03T08:00:00.000Z",
    status: "sent",
  },
};
const group: Conversation = {
  id: "room-1",
  kind: "group",
  participants: [{ id: "me" }, { id: alice }, { id: bob }],
  unreadCount: 0,
};

/** Every text and attribute of the page, where an id must never show. */
const page = () =>
  document.body.textContent +
  [...document.body.querySelectorAll("*")]
    .flatMap((el) => [...el.attributes].map((a) => `${a.name}=${a.value}`))
    .join(" ");

let restore: () => void = () => {};
beforeEach(() => {
  restore = stubLayout();
});
afterEach(() => restore());

function setup() {
  let answer: (users: User[]) => void = () => {};
  const resolveUsers = vi.fn(
    (_ids: readonly string[]) =>
      new Promise<User[]>((resolve) => {
        answer = resolve;
      }),
  );
  const chat = fakeChat({
    conversations: [direct, group],
    history: {
      [alice]: makeThread(alice, 3, { senders: ["me", alice] }),
      "room-1": makeThread("room-1", 4, { senders: [alice, bob] }),
    },
    client: { users: [{ id: "me", name: "Me" }], resolveUsers },
  });
  return {
    chat,
    resolveUsers,
    answer: (users: User[]) =>
      act(async () => {
        answer(users);
      }),
  };
}

describe("people in the widgets", () => {
  it("shows a placeholder, never an id, until the resolver names them", async () => {
    const { chat, resolveUsers, answer } = setup();
    await chat.connect();
    renderWithChat(chat.client, <ChatWindow />);
    const nav = screen.getByRole("navigation", { name: "Conversations" });
    await userEvent.click(within(nav).getByRole("button", { name: /Someone, Someone/ }));
    expect(await screen.findByRole("heading", { name: "Someone, Someone" })).toBeTruthy();
    act(() => chat.emit({ type: "typing", conversationId: "room-1", userId: bob, typing: true }));
    expect(await screen.findByText("Someone is typing…")).toBeTruthy();
    expect(page()).not.toContain(alice);
    expect(page()).not.toContain(bob);

    // One batch for everyone shown, whatever the number of widgets asking.
    await waitFor(() => expect(resolveUsers).toHaveBeenCalled());
    expect(resolveUsers).toHaveBeenCalledTimes(1);
    expect([...(resolveUsers.mock.calls[0]?.[0] ?? [])].sort()).toEqual([bob, alice].sort());
    await answer([
      { id: alice, name: "Alice Martin" },
      { id: bob, name: "Bob Stone" },
    ]);
    expect(await screen.findByRole("heading", { name: "Alice Martin, Bob Stone" })).toBeTruthy();
    expect(screen.getByText("Bob Stone is typing…")).toBeTruthy();
    expect(within(nav).getByRole("button", { name: /^Alice Martin/ })).toBeTruthy();
    expect(page()).not.toContain(alice);
    expect(page()).not.toContain(bob);
    expect(page()).not.toContain("Someone");
    expect(resolveUsers).toHaveBeenCalledTimes(1);
    chat.client.destroy();
  });

  it("says the placeholder in the active language", async () => {
    const { chat } = setup();
    await chat.connect();
    renderWithChat(chat.client, <ChatWindow />, { translation: fr });
    const nav = screen.getByRole("navigation");
    expect(within(nav).getAllByText("Quelqu’un").length).toBeGreaterThan(0);
    expect(page()).not.toContain(alice);
    chat.client.destroy();
  });
});
