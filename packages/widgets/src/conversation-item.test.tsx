import type { Message } from "@parley/core";
import { directConversation, fakeChat, groupConversation } from "@parley/test-kit";
import { act, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { renderWithChat } from "../test/render.js";
import { ConversationList } from "./conversation-list.js";

const last = (over: Partial<Message>): Message => ({
  clientId: "c1",
  id: "m1",
  conversationId: "x",
  senderId: "me",
  text: "hello",
  createdAt: "2025-03-03T08:00:00.000Z",
  status: "read",
  ...over,
});

const row = (title: string) =>
  within(screen.getByRole("navigation", { name: "Conversations" }))
    .getByText(title)
    .closest("li") as HTMLElement;

describe("ConversationItem", () => {
  it('prefixes the user\'s own last message with "You:", whatever it holds', async () => {
    const chat = fakeChat({
      conversations: [
        directConversation("ana", { id: "ana", name: "Ana" }, { lastMessage: last({}) }),
        directConversation(
          "ben",
          { id: "ben", name: "Ben" },
          { lastMessage: last({ text: "", deleted: true }) },
        ),
        directConversation(
          "cleo",
          { id: "cleo", name: "Cleo" },
          { lastMessage: last({ text: "", attachments: [{ url: "https://x.test/a.pdf" }] }) },
        ),
        directConversation(
          "dan",
          { id: "dan", name: "Dan" },
          { lastMessage: last({ senderId: "dan", text: "hi" }) },
        ),
      ],
    });
    await chat.connect();
    renderWithChat(chat.client, <ConversationList />);
    const preview = (title: string) =>
      row(title).querySelector(".parley-conversation__preview")?.textContent;
    expect(preview("Ana")).toBe("You: hello");
    expect(preview("Ben")).toBe("You: This message was deleted");
    expect(preview("Cleo")).toBe("You: Attachment");
    expect(preview("Dan")).toBe("hi");
  });

  it("shows presence for one-to-one conversations only, in words", async () => {
    const chat = fakeChat({
      conversations: [
        directConversation("ana", { id: "ana", name: "Ana" }),
        groupConversation("team", "Team", [
          { id: "ana", name: "Ana" },
          { id: "ben", name: "Ben" },
        ]),
        // A "direct" room that holds more than one other person is a group too.
        {
          ...groupConversation("trio", "Trio", [
            { id: "ana", name: "Ana" },
            { id: "ben", name: "Ben" },
          ]),
          kind: "direct",
        },
      ],
      capabilities: { presence: true, userStatus: true },
    });
    await chat.connect();
    renderWithChat(chat.client, <ConversationList />);
    act(() =>
      chat.emit({
        type: "presence",
        userId: "ana",
        presence: { online: true, status: "available" },
      }),
    );
    expect(await within(row("Ana")).findByRole("img", { name: "Online" })).toBeTruthy();
    expect(row("Team").querySelector(".parley-presence")).toBeNull();
    expect(row("Trio").querySelector(".parley-presence")).toBeNull();
  });

  it("says who wrote a group's last message, by name or the placeholder, and a face from the directory", async () => {
    const chat = fakeChat({
      conversations: [
        groupConversation("team", "Team", [{ id: "ben", name: "Ben" }], {
          lastMessage: last({ conversationId: "team", senderId: "ben", text: "on my way" }),
        }),
        groupConversation("crew", "Crew", [{ id: "x-17", name: "" }], {
          lastMessage: last({ conversationId: "crew", senderId: "x-17", text: "hello" }),
        }),
        directConversation("zed", { id: "zed", name: "" }),
      ],
      client: { users: [{ id: "zed", name: "Zed", avatarUrl: "https://x.test/zed.png" }] },
    });
    await chat.connect();
    renderWithChat(chat.client, <ConversationList />);
    const preview = (title: string) =>
      row(title).querySelector(".parley-conversation__preview")?.textContent;
    expect(preview("Team")).toBe("Ben: on my way");
    expect(preview("Crew")).toBe("Someone: hello");
    expect(row("Zed").querySelector("img")?.getAttribute("src")).toBe("https://x.test/zed.png");
  });
});
