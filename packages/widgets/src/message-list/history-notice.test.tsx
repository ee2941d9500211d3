import { ParleyError } from "@parley/core";
import { directConversation, fakeChat, incoming, makeThread } from "@parley/test-kit";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stubLayout } from "../../test/layout.js";
import { renderWithChat } from "../../test/render.js";
import { fr } from "../locales/fr.js";
import { MessageList } from "./message-list.js";

const ana = directConversation("ana", { id: "ana", name: "Ana" });
let restore: () => void = () => {};
beforeEach(() => {
  restore = stubLayout({ viewport: 500, row: 50 });
});
afterEach(() => restore());

const serverError = () => new ParleyError("server", "Internal Server Error", { status: 500 });
const list = () => document.querySelector(".parley-message-list");
const log = () => screen.getByRole("log", { name: "Messages" });
const notice = () => screen.queryByRole("status");

/** A chat whose first history read fails with a 500; no try on its own, so the test decides. */
async function failingOnce(options: Parameters<typeof fakeChat>[0] = {}) {
  const chat = fakeChat({
    conversations: [ana],
    history: { ana: makeThread("ana", 3) },
    client: { historyRetry: { maxAttempts: 0 } },
    ...options,
  });
  chat.session.history.mockRejectedValueOnce(serverError());
  await chat.connect();
  return chat;
}

describe("MessageList when the history cannot be read", () => {
  it("says so quietly above the messages, keeps live ones, and Try again loads the history", async () => {
    const chat = await failingOnce();
    renderWithChat(chat.client, <MessageList conversationId="ana" />);
    const status = await screen.findByRole("status");
    expect(status.textContent).toContain("Earlier messages can't be loaded right now.");
    expect(status.closest(".parley-history-notice")?.getAttribute("data-kind")).toBe("unavailable");
    // Not an alarm, and not a placeholder saying the conversation is empty.
    expect(screen.queryByRole("alert")).toBeNull();
    expect(screen.queryByText("No messages yet. Say hello!")).toBeNull();
    expect(list()?.getAttribute("data-state")).toBe("unavailable");

    // The live feed goes on under the notice.
    await act(async () => chat.emit({ type: "message", message: incoming("ana", "still live") }));
    expect(await within(log()).findByText("still live")).toBeTruthy();
    expect(notice()).not.toBeNull();

    await userEvent.click(within(status).getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(notice()).toBeNull());
    expect(await within(log()).findByText(/Are we still on/)).toBeTruthy();
    expect(within(log()).getByText("still live")).toBeTruthy();
    expect(list()?.getAttribute("data-state")).toBe("ready");
    // The button went with the notice; the focus stays in the list.
    expect(document.activeElement).toBe(log());
    expect(chat.session.history).toHaveBeenCalledTimes(2);
  });

  it("stays while Try again fails too, and does not try again on scroll", async () => {
    const chat = await failingOnce();
    chat.session.history.mockRejectedValueOnce(serverError());
    renderWithChat(chat.client, <MessageList conversationId="ana" />);
    const status = await screen.findByRole("status");
    await userEvent.click(within(status).getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(chat.session.history).toHaveBeenCalledTimes(2));
    await act(async () => {});
    expect(notice()?.textContent).toContain("Earlier messages can't be loaded right now.");
    // The failed try shows once: no second "could not be loaded" line below it.
    expect(screen.queryByText("Older messages could not be loaded.")).toBeNull();
    expect(chat.client.getState().historyStatus.ana?.failures).toBe(2);
    // Read some other way later (a try on its own, a reconnect): the notice goes, and no stale
    // failure line is left behind.
    await act(async () => {
      await chat.client.loadOlder("ana");
    });
    await waitFor(() => expect(notice()).toBeNull());
    expect(await within(log()).findByText(/Are we still on/)).toBeTruthy();
    expect(screen.queryByText("Older messages could not be loaded.")).toBeNull();
  });

  it("is in the provider's language", async () => {
    const chat = await failingOnce();
    renderWithChat(chat.client, <MessageList conversationId="ana" />, { translation: fr });
    const status = await screen.findByRole("status");
    expect(status.textContent).toContain(
      "Impossible de charger les messages précédents pour le moment.",
    );
    expect(within(status).getByRole("button", { name: "Réessayer" })).toBeTruthy();
  });

  it("says nothing alarming where the backend has no history: a muted line in an empty list", async () => {
    const chat = fakeChat({ conversations: [ana], capabilities: { history: false } });
    await chat.connect();
    renderWithChat(chat.client, <MessageList conversationId="ana" />);
    expect(await screen.findByText("Earlier messages aren't available.")).toBeTruthy();
    expect(screen.getByText("No messages yet. Say hello!")).toBeTruthy();
    expect(notice()).toBeNull();
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
  });
});
