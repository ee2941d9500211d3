import { directConversation, fakeChat, incoming, makeThread, settle } from "@parley/test-kit";
import { act, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stubLayout } from "../../test/layout.js";
import { renderWithChat } from "../../test/render.js";
import { MessageList } from "./message-list.js";

const ana = directConversation("ana", { id: "ana", name: "Ana" });
let restore: () => void = () => {};
beforeEach(() => {
  restore = stubLayout({ viewport: 500, row: 50 });
});
afterEach(() => restore());

const log = () => screen.getByRole("log", { name: "Messages" });
const highlighted = () => document.querySelector<HTMLElement>("[data-highlighted]");

describe("MessageList jumpTo", () => {
  it("loads older pages until the message is there, scrolls to it and highlights it", async () => {
    const thread = makeThread("ana", 200, { stepMs: 1000 });
    const chat = fakeChat({ conversations: [ana], history: { ana: thread }, pageSize: 30 });
    await chat.connect();
    // ana-12 is five pages back from the newest.
    renderWithChat(
      chat.client,
      <MessageList conversationId="ana" estimateSize={50} jumpTo={{ messageId: "ana-12" }} />,
    );
    await waitFor(() => expect(highlighted()?.textContent ?? "").toContain("(#12)"), {
      timeout: 10_000,
    });
    expect(chat.client.getState().threads.ana?.messages.length).toBeGreaterThanOrEqual(189);
    const row = highlighted() as HTMLElement;
    const top = Number.parseFloat(row.style.transform.slice("translateY(".length));
    // The row is in view, not at the bottom where the list starts.
    const scroller = log();
    expect(top).toBeGreaterThanOrEqual(scroller.scrollTop - 50);
    expect(top).toBeLessThan(scroller.scrollTop + 500);
    expect(scroller.scrollTop).toBeLessThan(scroller.scrollHeight - 500);
  });

  it("stays where the message is as new messages arrive below", async () => {
    const thread = makeThread("ana", 60, { stepMs: 1000 });
    const chat = fakeChat({ conversations: [ana], history: { ana: thread }, pageSize: 60 });
    await chat.connect();
    renderWithChat(
      chat.client,
      <MessageList conversationId="ana" estimateSize={50} jumpTo={{ messageId: "ana-20" }} />,
    );
    await waitFor(() => expect(highlighted()).not.toBeNull(), { timeout: 10_000 });
    const scroller = log();
    const at = scroller.scrollTop;
    await act(async () => {
      chat.emit({ type: "message", message: incoming("ana", "while reading") });
      await settle();
    });
    expect(scroller.scrollTop).toBe(at);
    expect(screen.getByRole("button", { name: /1 new message/ })).toBeTruthy();
  });

  it("says so when the history does not have the message", async () => {
    const chat = fakeChat({
      conversations: [ana],
      history: { ana: makeThread("ana", 40) },
      pageSize: 20,
    });
    await chat.connect();
    renderWithChat(
      chat.client,
      <MessageList conversationId="ana" estimateSize={50} jumpTo={{ messageId: "gone" }} />,
    );
    expect(
      await screen.findByText("This message could not be found.", {}, { timeout: 10_000 }),
    ).toBeTruthy();
    expect(chat.client.getState().threads.ana?.messages).toHaveLength(40);
    expect(highlighted()).toBeNull();
  });
});
