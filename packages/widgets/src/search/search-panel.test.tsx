import { type SearchHit, withSearch } from "@parley/core/search";
import { directConversation, fakeChat, incoming, settle, XSS_MARKUP } from "@parley/test-kit";
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithChat } from "../../test/render.js";
import { fr } from "../locales/fr.js";
import { SearchPanel } from "./search-panel.js";
import { snippet } from "./snippet.js";

const destroy: (() => void)[] = [];
afterEach(() => {
  for (const d of destroy.splice(0)) d();
});

async function chatWith(texts: Record<string, string[]>) {
  const conversations = Object.keys(texts).map((id) =>
    directConversation(id, { id, name: id.toUpperCase() }),
  );
  const fake = fakeChat({ conversations });
  const client = withSearch(fake.client, { segmenter: null });
  destroy.push(() => client.destroy());
  await fake.connect();
  for (const [id, list] of Object.entries(texts)) {
    for (const text of list) fake.emit({ type: "message", message: incoming(id, text, id) });
  }
  await settle();
  return client;
}

const panel = () => screen.getByRole("search", { name: "Search messages" });

describe("SearchPanel", () => {
  it("is a labelled search landmark whose hits mark the match and open on click", async () => {
    const client = await chatWith({ ana: ["Lunch at noon?", "see you"], ben: ["lunch is ready"] });
    const onSelect = vi.fn<(hit: SearchHit) => void>();
    renderWithChat(client, <SearchPanel onSelect={onSelect} debounceMs={0} />);
    const input = within(panel()).getByRole("searchbox", { name: "Search messages" });
    await userEvent.type(input, "lunch");
    expect(await screen.findByRole("status")).toBeTruthy();
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("2 messages found"));
    const hits = within(screen.getByRole("list", { name: "Search messages" })).getAllByRole(
      "button",
    );
    expect(hits.map((h) => h.querySelector("mark")?.textContent)).toEqual(["lunch", "Lunch"]);
    expect(hits[0]?.textContent).toContain("BEN");
    await userEvent.click(hits[1] as HTMLElement);
    expect(onSelect).toHaveBeenCalledWith(
      expect.objectContaining({
        conversationId: "ana",
        message: expect.objectContaining({ text: "Lunch at noon?" }),
      }),
    );
  });

  it("renders message markup as text", async () => {
    const client = await chatWith({ ana: XSS_MARKUP.map((markup) => `${markup} parleyxss`) });
    renderWithChat(
      client,
      <SearchPanel onSelect={() => {}} debounceMs={0} defaultQuery="parleyxss" limit={50} />,
    );
    const count = `${XSS_MARKUP.length} messages found`;
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe(count));
    const list = screen.getByRole("list", { name: "Search messages" });
    for (const markup of XSS_MARKUP) expect(list.textContent).toContain(markup);
    expect(
      list.querySelector("img, script, iframe, svg, body, details, input, math, a"),
    ).toBeNull();
    expect((window as { __parleyXss?: unknown }).__parleyXss).toBeUndefined();
  });

  it("says when nothing matched, and loads more pages", async () => {
    const client = await chatWith({ ana: Array.from({ length: 5 }, (_, i) => `note ${i}`) });
    renderWithChat(
      client,
      <SearchPanel onSelect={() => {}} debounceMs={0} limit={3} defaultQuery="zzz" />,
    );
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("No messages found"));
    const input = screen.getByRole("searchbox");
    await userEvent.clear(input);
    await userEvent.type(input, "note");
    const more = await screen.findByRole("button", { name: "Show more results" });
    expect(screen.getByRole("status").textContent).toBe("3 messages found");
    await userEvent.click(more);
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("5 messages found"));
    expect(screen.queryByRole("button", { name: "Show more results" })).toBeNull();
  });

  it("speaks the provider's language", async () => {
    const client = await chatWith({ ana: ["bonjour"] });
    renderWithChat(client, <SearchPanel onSelect={() => {}} debounceMs={0} defaultQuery="bon" />, {
      translation: fr,
    });
    await act(settle);
    expect(screen.getByRole("search", { name: "Rechercher dans les messages" })).toBeTruthy();
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe("1 message trouvé"));
  });
});

describe("snippet", () => {
  it("keeps short texts whole and cuts long ones around the first match", () => {
    expect(snippet("short one", [{ start: 0, end: 5 }])).toEqual({
      text: "short one",
      ranges: [{ start: 0, end: 5 }],
      before: false,
      after: false,
    });
    const long = `${"word ".repeat(100)}needle ${"tail ".repeat(100)}`;
    const at = long.indexOf("needle");
    const cut = snippet(long, [{ start: at, end: at + 6 }], 60);
    expect(cut.text.length).toBeLessThanOrEqual(60);
    expect(cut.before && cut.after).toBe(true);
    const [range] = cut.ranges;
    expect(cut.text.slice(range?.start, range?.end)).toBe("needle");
  });
});
