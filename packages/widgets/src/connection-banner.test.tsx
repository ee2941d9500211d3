import { ParleyError } from "@parley/core";
import { fakeChat, settle } from "@parley/test-kit";
import { act, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { renderWithChat } from "../test/render.js";
import { ConnectionBanner } from "./connection-banner.js";

const banner = () => document.querySelector(".parley-banner");

/** Every banner that was ever put in the document, by its text. */
function watchBanners(): { seen: string[]; stop(): void } {
  const seen: string[] = [];
  const observer = new MutationObserver(() => {
    const text = banner()?.textContent;
    if (text) seen.push(text);
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  return { seen, stop: () => observer.disconnect() };
}

let stopWatching = () => {};
afterEach(() => stopWatching());

describe("ConnectionBanner", () => {
  it("shows nothing for a quick reconnect of a link that was up", async () => {
    // A quick reconnect: the first attempt comes after 200 ms, well inside the grace. The delay
    // is fixed, not random: a delay near 0 let the link come back before the test saw it go.
    const chat = fakeChat({ client: { backoff: { min: 400, max: 800, random: () => 0.5 } } });
    renderWithChat(chat.client, <ConnectionBanner graceMs={5000} />);
    await act(() => chat.connect());
    const watch = watchBanners();
    stopWatching = watch.stop;
    await act(async () => {
      chat.emit({ type: "closed", error: new ParleyError("timeout", "silent link") });
      await settle();
    });
    expect(chat.client.getState().connection.status).not.toBe("connected");
    await waitFor(() => expect(chat.client.getState().connection.status).toBe("connected"));
    await act(settle);
    expect(watch.seen).toEqual([]);
  });

  it("shows a reconnect that lasts longer than the grace", async () => {
    const chat = fakeChat();
    renderWithChat(chat.client, <ConnectionBanner graceMs={150} />);
    await act(() => chat.connect());
    chat.holdConnections(true);
    await act(async () => {
      chat.emit({ type: "closed", error: new ParleyError("network", "dropped") });
      await settle();
    });
    expect(banner()).toBeNull();
    const shown = await screen.findByText(/Reconnecting/);
    expect(shown.getAttribute("data-state")).toBe("reconnecting");
  });

  it("shows the first connection, and offline, at once", async () => {
    const chat = fakeChat();
    chat.holdConnections(true);
    renderWithChat(chat.client, <ConnectionBanner graceMs={60_000} />);
    await act(async () => {
      chat.client.connect();
      await settle();
    });
    expect(banner()?.textContent).toBe("Connecting…");
    await act(async () => {
      chat.environment.setOnline(false);
      await settle();
    });
    expect(banner()?.getAttribute("data-state")).toBe("offline");
  });
});
