import {
  directConversation,
  fakeChat,
  groupConversation,
  makeThread,
  settle,
} from "@parley/test-kit";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stubLayout } from "../test/layout.js";
import { renderWithChat } from "../test/render.js";
import { ChatWindow } from "./chat-window.js";
import { ar } from "./locales/ar.js";
import type { AvatarProps } from "./props.js";

const MyAvatar = ({ name }: AvatarProps) => <i data-testid="my-avatar">{name}</i>;
const ShoutingText = ({ text }: { text: string }) => (
  <b data-testid="my-text">{text.toUpperCase()}</b>
);

const ana = directConversation("ana", { id: "ana", name: "Ana Lima" });
const team = groupConversation("team", "Team", [
  { id: "ben", name: "Ben" },
  { id: "cleo", name: "Cleo" },
]);

let restore: () => void = () => {};
beforeEach(() => {
  restore = stubLayout();
});
afterEach(() => restore());

describe("ChatWindow", () => {
  it("lists conversations, opens one, and sends from its composer", async () => {
    const chat = fakeChat({
      conversations: [ana, team],
      history: {
        ana: makeThread("ana", 5),
        team: makeThread("team", 3, { senders: ["ben", "cleo"] }),
      },
    });
    await chat.connect();
    renderWithChat(chat.client, <ChatWindow />);
    expect(screen.getByText("Choose a conversation")).toBeTruthy();
    const nav = screen.getByRole("navigation", { name: "Conversations" });
    await userEvent.click(within(nav).getByRole("button", { name: /Team/ }));
    expect(await screen.findByRole("heading", { name: "Team" })).toBeTruthy();
    // Group conversations show who wrote.
    expect((await screen.findAllByText("Ben")).length).toBeGreaterThan(0);
    expect(within(nav).getByRole("button", { name: /Team/ }).getAttribute("aria-current")).toBe(
      "true",
    );

    await userEvent.type(screen.getByRole("textbox", { name: "Message" }), "hi team{Enter}");
    await act(settle);
    expect(chat.sent.at(-1)).toMatchObject({ conversationId: "team", text: "hi team" });
  });

  it("moves between conversations with the arrow keys", async () => {
    const chat = fakeChat({ conversations: [ana, team] });
    await chat.connect();
    renderWithChat(chat.client, <ChatWindow />);
    const buttons = within(screen.getByRole("navigation")).getAllByRole("button");
    buttons[0]?.focus();
    await userEvent.keyboard("{ArrowDown}");
    expect(document.activeElement).toBe(buttons[1]);
    await userEvent.keyboard("{Home}");
    expect(document.activeElement).toBe(buttons[0]);
  });

  it("shows unread counts and typing, and wires reply from the list to the composer", async () => {
    const chat = fakeChat({
      conversations: [{ ...ana, unreadCount: 3 }, team],
      history: { team: makeThread("team", 3, { senders: ["ben"] }) },
      capabilities: { replies: true },
    });
    await chat.connect();
    renderWithChat(chat.client, <ChatWindow defaultConversationId="team" />);
    expect(screen.getByText("3 unread messages")).toBeTruthy();
    await act(async () => {
      chat.emit({ type: "typing", conversationId: "team", userId: "ben", typing: true });
      chat.emit({ type: "typing", conversationId: "team", userId: "cleo", typing: true });
      await settle();
    });
    expect(await screen.findByText("Ben and Cleo are typing…")).toBeTruthy();

    const [reply] = await screen.findAllByRole("button", { name: "Reply" });
    await userEvent.click(reply as HTMLElement);
    expect(screen.getByText("Replying to Ben")).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole("textbox", { name: "Message" }));
  });

  it("takes string overrides, a locale for dates and numbers, and right-to-left", async () => {
    const chat = fakeChat({ conversations: [{ ...ana, unreadCount: 1234 }] });
    await chat.connect();
    renderWithChat(chat.client, <ChatWindow defaultConversationId="ana" />, {
      locale: "de-DE",
      dir: "rtl",
      strings: {
        composerLabel: "Nachricht",
        send: "Senden",
        unread: (_n, formatted) => `${formatted} ungelesen`,
      },
    });
    expect(screen.getByRole("textbox", { name: "Nachricht" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Senden" })).toBeTruthy();
    expect(screen.getByText("1.234 ungelesen")).toBeTruthy();
    expect(document.querySelector(".parley-chat")?.getAttribute("dir")).toBe("rtl");
  });

  it("lets any sub-component be replaced", async () => {
    const chat = fakeChat({ conversations: [ana], history: { ana: makeThread("ana", 2) } });
    await chat.connect();
    renderWithChat(chat.client, <ChatWindow defaultConversationId="ana" />, {
      components: {
        Avatar: MyAvatar,
        MessageText: ShoutingText,
      },
    });
    expect(screen.getAllByTestId("my-avatar").length).toBeGreaterThan(0);
    await waitFor(() =>
      expect(screen.getAllByTestId("my-text")[0]?.textContent).toBe(
        "HI! ARE WE STILL ON FOR TOMORROW?",
      ),
    );
  });

  it("shows the connection state in the banner", async () => {
    const chat = fakeChat({ conversations: [ana] });
    renderWithChat(chat.client, <ChatWindow />);
    await act(async () => {
      await chat.connect();
    });
    expect(document.querySelector(".parley-banner")).toBeNull();
    await act(async () => {
      chat.environment.setOnline(false);
      await settle();
    });
    const banner = await screen.findByText(/You are offline/);
    expect(banner.getAttribute("role")).toBe("status");
    expect(banner.getAttribute("data-state")).toBe("offline");
    await act(async () => {
      chat.environment.setOnline(true);
      await settle();
    });
    await waitFor(() => expect(document.querySelector(".parley-banner")).toBeNull());
  });

  it("takes turns between list and thread in the single-pane layout, back returning to the list", async () => {
    const chat = fakeChat({ conversations: [ana, team], history: { ana: makeThread("ana", 3) } });
    await chat.connect();
    const changes: string[] = [];
    renderWithChat(
      chat.client,
      <ChatWindow layout="single" onConversationChange={(id) => changes.push(id)} />,
    );
    const root = document.querySelector(".parley-chat") as HTMLElement;
    expect(root.getAttribute("data-pane")).toBe("list");
    expect(screen.queryByText("Choose a conversation")).toBeNull();
    const nav = screen.getByRole("navigation", { name: "Conversations" });
    await userEvent.click(within(nav).getByRole("button", { name: /Ana Lima/ }));
    expect(await screen.findByRole("heading", { name: "Ana Lima" })).toBeTruthy();
    expect(screen.queryByRole("navigation", { name: "Conversations" })).toBeNull();
    const back = screen.getByRole("button", { name: "Back to conversations" });
    expect(document.activeElement).toBe(back);

    await userEvent.click(back);
    expect(root.getAttribute("data-pane")).toBe("list");
    expect(screen.queryByRole("heading", { name: "Ana Lima" })).toBeNull();
    const row = screen.getByRole("button", { name: /Ana Lima/ });
    expect(row.getAttribute("aria-current")).toBe("true");
    expect(document.activeElement).toBe(row);
    // Back is navigation, not a change of conversation.
    expect(changes).toEqual(["ana"]);
  });

  it("sets the translation's language and direction on its root", async () => {
    const chat = fakeChat({ conversations: [ana] });
    renderWithChat(chat.client, <ChatWindow />, { translation: ar });
    const root = document.querySelector(".parley-chat") as HTMLElement;
    expect(root.getAttribute("dir")).toBe("rtl");
    expect(root.getAttribute("lang")).toBe("ar");
    expect(screen.getByRole("navigation", { name: "المحادثات" })).toBeTruthy();
  });
});
