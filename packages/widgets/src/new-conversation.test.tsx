import type { Conversation } from "@parley/core";
import { fakeChat } from "@parley/test-kit";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stubLayout } from "../test/layout.js";
import { renderWithChat } from "../test/render.js";
import { ChatWindow } from "./chat-window.js";
import { ar } from "./locales/ar.js";
import { fr } from "./locales/fr.js";

const bob = "64f1a2b3c4d5e6f7a8b9c0d1";
const cleo = "7c1e0b2a-0000-4000-8000-00000000c1e0";
const people = [
  { id: "me", name: "Alice Martin" },
  { id: bob, name: "Bob Stone" },
  { id: cleo, name: "Cléo Durand" },
  { id: "nameless" },
];
const withCleo: Conversation = {
  id: cleo,
  kind: "direct",
  participants: [{ id: "me" }, { id: cleo }],
  unreadCount: 0,
  lastMessage: {
    clientId: "id:1",
    id: "1",
    conversationId: cleo,
    senderId: cleo,
    text: "Hi Alice",
    createdAt: "2025-03-03T08:00:00.000Z",
    status: "sent",
  },
};

let restore: () => void = () => {};
beforeEach(() => {
  restore = stubLayout();
});
afterEach(() => restore());

async function setup(createConversation = true) {
  const chat = fakeChat({
    conversations: [withCleo],
    capabilities: { createConversation },
    client: { users: people },
  });
  await chat.connect();
  return chat;
}

const newButton = () => screen.getByRole("button", { name: "New conversation" });
const dialog = () => screen.getByRole("dialog", { name: "New conversation" });
const search = () => within(dialog()).getByRole("combobox", { name: "Search people by name" });
/** What a person's row says (its avatar's initials are hidden from assistive technology). */
const nameIn = (option: Element | null) =>
  option?.querySelector(".parley-people-picker__name")?.textContent;
const options = () => within(dialog()).queryAllByRole("option").map(nameIn);

describe("NewConversation in the conversation list", () => {
  it("is not offered where the backend cannot start a conversation", async () => {
    const chat = await setup(false);
    renderWithChat(chat.client, <ChatWindow />);
    await screen.findByRole("button", { name: /Cléo Durand/ });
    expect(screen.queryByRole("button", { name: "New conversation" })).toBeNull();
  });

  it("finds people by name (never me, never by id), starts a chat and sends to them", async () => {
    const chat = await setup();
    renderWithChat(chat.client, <ChatWindow />);
    const user = userEvent.setup();
    await user.click(newButton());
    expect(newButton().getAttribute("aria-expanded")).toBe("true");
    expect(dialog().getAttribute("aria-modal")).toBe("true");
    // Focus starts in the search box; everyone named but me is offered, by name.
    expect(document.activeElement).toBe(search());
    expect(options()).toEqual(["Bob Stone", "Cléo Durand"]);
    expect(within(dialog()).getByRole("status").textContent).toBe("2 people found");

    await user.keyboard("bo");
    expect(options()).toEqual(["Bob Stone"]);
    expect(within(dialog()).getByRole("status").textContent).toBe("1 person found");
    await user.clear(search());
    await user.keyboard(bob.slice(0, 6));
    expect(options()).toEqual([]);
    expect(within(dialog()).getByRole("status").textContent).toBe("No one found");

    await user.clear(search());
    await user.keyboard("{ArrowDown}");
    const active = search().getAttribute("aria-activedescendant");
    expect(nameIn(document.getElementById(active ?? ""))).toBe("Cléo Durand");
    await user.keyboard("{ArrowUp}{Enter}");
    // Bob's conversation opens at once, empty, titled with his name, and is in the list.
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(await screen.findByRole("heading", { name: "Bob Stone" })).toBeTruthy();
    const nav = screen.getByRole("navigation", { name: "Conversations" });
    expect(within(nav).getByRole("button", { name: /Bob Stone/ })).toBeTruthy();
    // Focus is not lost when the dialog goes.
    expect(document.activeElement).toBe(newButton());

    await user.type(screen.getByRole("textbox", { name: "Message" }), "Hello Bob{Enter}");
    await waitFor(() =>
      expect(chat.sent.map((m) => [m.conversationId, m.text])).toEqual([[bob, "Hello Bob"]]),
    );
  });

  it("opens the conversation that exists with a person, with a click", async () => {
    const chat = await setup();
    renderWithChat(chat.client, <ChatWindow />);
    const user = userEvent.setup();
    await user.click(newButton());
    await user.keyboard("durand");
    await user.click(within(dialog()).getByRole("option", { name: /Cléo Durand/ }));
    expect(await screen.findByRole("heading", { name: "Cléo Durand" })).toBeTruthy();
    expect(await screen.findByText("Hi Alice")).toBeTruthy();
    expect(Object.keys(chat.client.getState().conversations)).toEqual([cleo]);
  });

  it("closes on Escape, on the close button and on a click outside, focus back on the button", async () => {
    const chat = await setup();
    renderWithChat(chat.client, <ChatWindow />);
    const user = userEvent.setup();
    await user.click(newButton());
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(newButton());
    expect(newButton().getAttribute("aria-expanded")).toBe("false");

    // Tab stays in the dialog: search box, close button, search box.
    await user.keyboard("{Enter}");
    expect(document.activeElement).toBe(search());
    await user.tab();
    const close = within(dialog()).getByRole("button", { name: "Close" });
    expect(document.activeElement).toBe(close);
    await user.tab();
    expect(document.activeElement).toBe(search());
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(close);
    await user.click(close);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(newButton());

    await user.click(newButton());
    const backdrop = dialog().parentElement as HTMLElement;
    await user.click(backdrop);
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(Object.keys(chat.client.getState().conversations)).toEqual([cleo]);
  });

  it("shows the new chat alone in the single-pane layout, focus on its back button", async () => {
    const chat = await setup();
    renderWithChat(chat.client, <ChatWindow layout="single" />);
    const user = userEvent.setup();
    await user.click(newButton());
    await user.keyboard("bob{Enter}");
    expect(await screen.findByRole("heading", { name: "Bob Stone" })).toBeTruthy();
    expect(screen.queryByRole("navigation", { name: "Conversations" })).toBeNull();
    const back = screen.getByRole("button", { name: "Back to conversations" });
    expect(document.activeElement).toBe(back);
    await user.click(back);
    expect(await screen.findByRole("button", { name: /Bob Stone/ })).toBeTruthy();
  });

  it("speaks the provider's language", async () => {
    const chat = await setup();
    renderWithChat(chat.client, <ChatWindow />, { translation: fr });
    const user = userEvent.setup();
    await user.click(screen.getByRole("button", { name: "Nouvelle conversation" }));
    const picker = screen.getByRole("dialog", { name: "Nouvelle conversation" });
    expect(
      within(picker).getByRole("combobox", { name: "Rechercher une personne par son nom" }),
    ).toBeTruthy();
    expect(within(picker).getByRole("status").textContent).toBe("2 personnes trouvées");
    await user.keyboard("zz");
    expect(within(picker).getAllByText("Aucune personne trouvée").length).toBeGreaterThan(0);
    expect(within(picker).getByRole("button", { name: "Fermer" })).toBeTruthy();
  });

  it("lays out right to left in Arabic", async () => {
    const chat = await setup();
    const { container } = renderWithChat(chat.client, <ChatWindow />, { translation: ar });
    await userEvent.click(screen.getByRole("button", { name: "محادثة جديدة" }));
    expect(container.querySelector(".parley-chat")?.getAttribute("dir")).toBe("rtl");
    expect(
      screen.getByRole("dialog", { name: "محادثة جديدة" }).closest("[dir]")?.getAttribute("dir"),
    ).toBe("rtl");
  });
});
