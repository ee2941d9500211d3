import type { Message } from "@parley/core";
import { directConversation, fakeChat, incoming, makeThread, settle } from "@parley/test-kit";
import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stubLayout } from "../../test/layout.js";
import { renderWithChat } from "../../test/render.js";
import { MessageList } from "./message-list.js";

const ana = directConversation("ana", { id: "ana", name: "Ana" });
// jsdom has no layout: a 500px viewport and 50px rows, as the virtualizer reads them.
let restore: () => void = () => {};
beforeEach(() => {
  restore = stubLayout({ viewport: 500, row: 50 });
});
afterEach(() => restore());

const log = () => screen.getByRole("log", { name: "Messages" });
const rows = () => document.querySelectorAll(".parley-message-list__row");

describe("MessageList", () => {
  it("is a polite, labelled, focusable live log", async () => {
    const chat = fakeChat({ conversations: [ana], history: { ana: makeThread("ana", 3) } });
    await chat.connect();
    renderWithChat(chat.client, <MessageList conversationId="ana" />);
    await screen.findByText(/Are we still on/);
    expect(log().getAttribute("aria-live")).toBe("polite");
    expect(log().tabIndex).toBe(0);
    expect(document.querySelector(".parley-message-list")?.getAttribute("data-state")).toBe(
      "ready",
    );
  });

  it("marks read a thread whose newest message from others is unread, once, without a count", async () => {
    const history = makeThread("ana", 4, { senders: ["ana"] }).map((m, i) =>
      i === 3 ? { ...m, status: "delivered" as const } : m,
    );
    const chat = fakeChat({ history: { ana: history } });
    await chat.connect();
    expect(chat.client.getState().conversations.ana?.unreadCount ?? 0).toBe(0);
    renderWithChat(chat.client, <MessageList conversationId="ana" />);
    await waitFor(() => expect(chat.markedRead).toEqual(["ana"]));
    await act(settle);
    expect(chat.client.getState().threads.ana?.messages.at(-1)?.status).toBe("read");
    expect(chat.markedRead).toEqual(["ana"]);
  });

  it("marks a thread whose messages from others all say read once, for a backend that read them silently", async () => {
    const chat = fakeChat({ history: { ana: makeThread("ana", 4) } });
    await chat.connect();
    renderWithChat(chat.client, <MessageList conversationId="ana" />);
    await screen.findAllByRole("article");
    await act(settle);
    expect(chat.markedRead).toEqual(["ana"]);
    // Our own message changes the thread, not the newest from others: no second read.
    await act(async () => {
      chat.client.send("ana", "my reply");
      await settle();
    });
    expect(await screen.findByText("my reply")).toBeTruthy();
    expect(chat.markedRead).toEqual(["ana"]);
  });

  it("shows loading, then empty", async () => {
    const chat = fakeChat({ conversations: [ana], historyDelayMs: 30 });
    await chat.connect();
    renderWithChat(chat.client, <MessageList conversationId="ana" />);
    expect(screen.getByText("Loading messages…")).toBeTruthy();
    expect(await screen.findByText("No messages yet. Say hello!")).toBeTruthy();
  });

  it("mounts 10,000 messages with a bounded number of DOM nodes", async () => {
    const chat = fakeChat({
      conversations: [ana],
      history: { ana: makeThread("ana", 10_000) },
      pageSize: 10_000,
    });
    await chat.connect();
    renderWithChat(chat.client, <MessageList conversationId="ana" />);
    await screen.findByText(/#10000\)/);
    expect(chat.client.getState().threads.ana?.messages.length).toBe(10_000);
    // 500px of 50px rows is 10 visible, plus overscan on each side.
    expect(rows().length).toBeLessThanOrEqual(30);
    expect(document.querySelectorAll("article").length).toBeLessThanOrEqual(30);
    expect(log().querySelectorAll("*").length).toBeLessThan(1_000);
  });

  it("stays pinned to the bottom as messages arrive, and counts new ones when scrolled up", async () => {
    const chat = fakeChat({ conversations: [ana], history: { ana: makeThread("ana", 40) } });
    await chat.connect();
    renderWithChat(chat.client, <MessageList conversationId="ana" estimateSize={50} />);
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    const scroller = log();
    const bottom = () => scroller.scrollHeight - scroller.clientHeight;
    await waitFor(() => expect(scroller.scrollTop).toBe(bottom()));

    await act(async () => {
      chat.emit({ type: "message", message: incoming("ana", "newest one") });
      await settle();
    });
    await waitFor(() => expect(scroller.scrollTop).toBe(bottom()));
    expect(screen.getByText("newest one")).toBeTruthy();

    // Scrolled up, new messages don't move the view; the jump button counts them.
    await act(async () => {
      scroller.scrollTop = 900;
      fireEvent.scroll(scroller);
      await settle();
    });
    await act(async () => {
      chat.emit({ type: "message", message: incoming("ana", "one") });
      chat.emit({ type: "message", message: incoming("ana", "two") });
      await settle();
    });
    expect(scroller.scrollTop).toBe(900);
    const jump = await screen.findByRole("button", { name: "2 new messages, jump to latest" });
    await userEvent.click(jump);
    await waitFor(() => expect(scroller.scrollTop).toBe(bottom()));
    // Focus moves to the log, not lost with the disappearing button.
    expect(document.activeElement).toBe(scroller);
    await waitFor(() =>
      expect(screen.queryByRole("button", { name: /jump to latest/ })).toBeNull(),
    );
  });

  it("keeps its place when older messages load above", async () => {
    const thread = makeThread("ana", 100, { stepMs: 1000 }); // one day: one separator row
    const chat = fakeChat({ conversations: [ana], history: { ana: thread }, pageSize: 30 });
    await chat.connect();
    renderWithChat(chat.client, <MessageList conversationId="ana" estimateSize={50} />);
    await waitFor(() => expect(rows().length).toBeGreaterThan(0));
    const scroller = log();
    await waitFor(() => expect(scroller.scrollTop).toBe(scroller.scrollHeight - 500));
    // Where the row of a message sits relative to the top of the view.
    const viewTopOf = (marker: string) => {
      const row = [...rows()].find((r) => r.textContent?.includes(marker)) as
        | HTMLElement
        | undefined;
      return row
        ? Number.parseFloat(row.style.transform.slice("translateY(".length)) - scroller.scrollTop
        : null;
    };

    // Scroll near the top: older messages load.
    await act(async () => {
      scroller.scrollTop = 150;
      fireEvent.scroll(scroller);
      await settle();
    });
    const before = viewTopOf("(#73)");
    expect(before).not.toBeNull();
    await waitFor(() => expect(chat.client.getState().threads.ana?.messages.length).toBe(60));
    // 30 rows of 50px were added above: the view moved down by as much, #73 did not move.
    await waitFor(() => expect(scroller.scrollTop).toBe(150 + 30 * 50));
    expect(viewTopOf("(#73)")).toBe(before);
    expect(viewTopOf("(#70)")).not.toBeNull(); // the newest prepended row is rendered just above
  });

  it("offers retry and discard for a failed message, and both work", async () => {
    let outcome: "fail" | "ok" = "fail";
    const chat = fakeChat({ conversations: [ana], sendOutcome: () => outcome });
    await chat.connect();
    renderWithChat(chat.client, <MessageList conversationId="ana" />);
    await act(async () => {
      chat.client.send("ana", "first try");
      chat.client.send("ana", "throw me away");
      await settle();
    });
    const failed = await screen.findAllByRole("group", { name: "Not sent." });
    expect(failed).toHaveLength(2);
    const [first, second] = failed as [HTMLElement, HTMLElement];

    outcome = "ok";
    await userEvent.click(within(first).getByRole("button", { name: "Retry" }));
    await waitFor(() => {
      const m = chat.client
        .getState()
        .threads.ana?.messages.find((x: Message) => x.text === "first try");
      expect(m?.status).toBe("sent");
    });
    await userEvent.click(within(second).getByRole("button", { name: "Discard" }));
    await waitFor(() => expect(screen.queryByText("throw me away")).toBeNull());
    expect(screen.queryAllByRole("group", { name: "Not sent." })).toHaveLength(0);
    expect(chat.sent.filter((s) => s.text === "first try")).toHaveLength(2);
  });

  it("shows ticks, edited and deleted markers, replies and attachments", async () => {
    const base = makeThread("ana", 3);
    const [a, b, c] = base as [Message, Message, Message];
    const chat = fakeChat({
      conversations: [ana],
      capabilities: { replies: true },
      history: {
        ana: [
          { ...a, senderId: "ana", editedAt: a.createdAt, text: "fixed typo" },
          { ...b, senderId: "me", status: "delivered", replyTo: a.id, text: "answer" },
          {
            ...c,
            senderId: "ana",
            deleted: true,
            text: "",
          },
          {
            ...c,
            id: "att",
            clientId: "id:att",
            text: "",
            senderId: "me",
            status: "read",
            attachments: [
              { url: "https://files.example.com/cat.png", type: "image/png", name: "cat.png" },
              { url: "https://files.example.com/report.pdf", name: "report.pdf", size: 2048 },
            ],
          },
        ],
      },
    });
    await chat.connect();
    renderWithChat(chat.client, <MessageList conversationId="ana" />);
    expect(await screen.findByText("edited")).toBeTruthy();
    expect(screen.getByText("This message was deleted")).toBeTruthy();
    expect(screen.getByRole("img", { name: "Delivered" })).toBeTruthy();
    expect(screen.getByRole("img", { name: "Read" })).toBeTruthy();
    const quote = document.querySelector("blockquote");
    expect(quote?.textContent).toContain("fixed typo");
    expect(screen.getByRole("img", { name: "cat.png" }).getAttribute("src")).toBe(
      "https://files.example.com/cat.png",
    );
    const file = screen.getByRole("link", { name: /report\.pdf \(2 kB\)/ });
    expect(file.getAttribute("rel")).toBe("noopener noreferrer");
  });

  it("shows only the actions the backend supports", async () => {
    const thread = makeThread("ana", 2).map((m) => ({ ...m, senderId: "me" }));
    const none = fakeChat({ conversations: [ana], history: { ana: thread } });
    await none.connect();
    const view = renderWithChat(
      none.client,
      <MessageList conversationId="ana" onReply={() => {}} onEdit={() => {}} />,
    );
    await screen.findByText(/Are we still on/);
    expect(screen.queryByRole("button", { name: "Reply" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Edit" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Delete" })).toBeNull();
    view.unmount();

    const all = fakeChat({
      conversations: [ana],
      history: { ana: thread },
      capabilities: { replies: true, edit: true, delete: true },
    });
    await all.connect();
    renderWithChat(
      all.client,
      <MessageList conversationId="ana" onReply={() => {}} onEdit={() => {}} />,
    );
    await screen.findByText(/Are we still on/);
    expect(screen.getAllByRole("button", { name: "Reply" })).toHaveLength(2);
    expect(screen.getAllByRole("button", { name: "Edit" })).toHaveLength(2);
    expect(screen.getAllByRole("button", { name: "Delete" })).toHaveLength(2);
  });
});
