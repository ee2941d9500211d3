import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/eventually.js";
import { solidPng } from "../support/png.js";
import { scenarios } from "../support/scenarios.js";
import { describeDialect } from "../support/suite.js";
import type { WidgetPage } from "../support/widget-page.js";
import { startWidgetStack, type WidgetStack } from "../support/widget-stack.js";

describeDialect(scenarios["rooms-ws"]);

/** A message as `GET /api/v1/chat/chats/1/messages` stores it (docs/rooms-ws.md). */
interface Stored {
  id: number;
  content: string | null;
  message_type: string;
  media_url: string | null;
  reply_to_id: number | null;
  is_edited: boolean;
  is_deleted: boolean;
  read_by: number[];
}

const BOB_ID = 102; // Bob's rooms-ws participant id (the fixtures' numericId)

// Alice (a customer) and Bob (staff) in the group chat "Booking help", through ChatWindow.
describe("rooms-ws: ChatWindow replies, edits, deletes, images and read receipts", () => {
  let stack: WidgetStack;
  let alice: WidgetPage;
  let bob: WidgetPage;
  const stored = async () =>
    (await stack.rest<{ messages: Stored[] }>("bob", "/api/v1/chat/chats/1/messages?page_size=100"))
      .messages;
  const lastStored = async () => (await stored()).at(-1);
  const lastShown = async (window: WidgetPage) => (await window.shown()).at(-1);

  beforeAll(async () => {
    stack = await startWidgetStack("rooms-ws");
    alice = await stack.open("alice");
    bob = await stack.open("bob");
  });
  afterAll(() => stack?.close());

  it("shows Bob Alice's reply under a quote of his message", async () => {
    await bob.send("Which day suits you?");
    await eventually(() => alice.texts()).toEqual(["Which day suits you?"]);
    await alice.act("Which day suits you?", "Reply");
    await eventually(() => alice.composerMode()).toBe("Replying to Dr. Bob Chen");
    await alice.send("Friday, please");
    await eventually(() => bob.shown()).toEqual([
      { text: "Which day suits you?", edited: false, images: [] },
      { text: "Friday, please", edited: false, quote: "Which day suits you?", images: [] },
    ]);
    const [question, reply] = await stored();
    expect(reply?.reply_to_id).toBe(question?.id);
    await stack.screenshot(bob, "reply-bob");
  });

  it("shows Bob Alice's edit, marked edited, and the server keeps the new text", async () => {
    await alice.send("See you at 10");
    await eventually(() => lastShown(bob)).toMatchObject({ text: "See you at 10", edited: false });
    await alice.act("See you at 10", "Edit");
    await eventually(() => alice.composerMode()).toBe("Editing message");
    await eventually(() => alice.composer.inputValue()).toBe("See you at 10");
    await alice.rewrite("See you at 11");
    await eventually(() => lastShown(bob)).toMatchObject({ text: "See you at 11", edited: true });
    await eventually(() => alice.composerMode()).toBe("");
    await eventually(() => lastShown(alice)).toMatchObject({ text: "See you at 11", edited: true });
    expect(await lastStored()).toMatchObject({ content: "See you at 11", is_edited: true });
    expect(await bob.texts()).not.toContain("See you at 10");
  });

  it("shows Bob that Alice deleted her message; only its sender may delete it", async () => {
    await alice.send("Wrong chat, sorry");
    await eventually(() => lastShown(bob)).toMatchObject({ text: "Wrong chat, sorry" });
    expect(await bob.actions("Wrong chat, sorry")).toEqual(["Reply"]);
    expect(await alice.actions("Wrong chat, sorry")).toEqual(["Reply", "Edit", "Delete"]);
    await alice.act("Wrong chat, sorry", "Delete");
    await eventually(() => lastShown(bob)).toEqual({
      text: "This message was deleted",
      edited: false,
      images: [],
    });
    expect(await lastStored()).toMatchObject({ content: null, is_deleted: true });
    // Nor does the conversation list still quote it.
    // A group's preview says who wrote.
    await eventually(() => bob.preview("Booking help")).toBe(
      "Alice Martin: This message was deleted",
    );
    await stack.screenshot(bob, "deleted-bob");
  });

  it("sends an image picked in the composer; Bob sees it served from /uploads/", async () => {
    const png = solidPng(24, [220, 40, 40]);
    await alice.attach({ name: "photo.png", mimeType: "image/png", buffer: png });
    await eventually(() => alice.page.locator(".parley-chip").getAttribute("data-state")).toBe(
      "done",
    );
    await alice.send("The photo you asked for");
    await eventually(() => lastShown(bob)).toEqual({
      text: "The photo you asked for",
      edited: false,
      images: [expect.stringMatching(/\/uploads\/[0-9a-f]{32}\.png$/)],
    });
    const message = await lastStored();
    expect(message).toMatchObject({ message_type: "image", content: "The photo you asked for" });
    const src = (await lastShown(bob))?.images[0];
    expect(src).toBe(stack.server.url("rooms-ws") + message?.media_url);
    // The browser loaded the very bytes Alice picked.
    const image = bob.message("The photo you asked for").locator("img");
    await eventually(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(24);
    expect(Buffer.from(await (await fetch(src as string)).arrayBuffer())).toEqual(png);
    await stack.screenshot(bob, "image-bob");
  });

  it("ticks Alice's message read once Bob opens the chat, clearing his unread badge", async () => {
    const busy = await stack.open("bob", "2"); // Bob's other chat, "Order #2041"
    await bob.page.close();
    await alice.send("Are you there?");
    await eventually(() => busy.unread("Booking help")).toBe(1);
    await eventually(() => alice.status("Are you there?")).toBe("Sent");
    expect(await lastStored()).toMatchObject({ content: "Are you there?" });
    expect((await lastStored())?.read_by).not.toContain(BOB_ID);
    await stack.screenshot(busy, "unread-bob");
    await busy.openConversation("Booking help");
    await eventually(() => busy.texts()).toContain("Are you there?");
    await eventually(() => alice.status("Are you there?")).toBe("Read");
    await eventually(() => busy.unread("Booking help")).toBe(0);
    expect((await lastStored())?.read_by).toContain(BOB_ID);
  });
});

// Touch screens have no hover: a message's actions are behind an always-visible button there.
describe("rooms-ws: ChatWindow's message actions on a touch phone", () => {
  let stack: WidgetStack;

  beforeAll(async () => {
    stack = await startWidgetStack("rooms-ws");
  });
  afterAll(() => stack?.close());

  it("opens Alice's actions with a tap on More actions, and deletes from there", async () => {
    const alice = await stack.openOnPhone("alice");
    await alice.send("Typed on a phone");
    const message = alice.message("Typed on a phone");
    const more = message.getByRole("button", { name: "More actions" });
    const edit = message.getByRole("button", { name: "Edit", exact: true });
    await eventually(() => more.isVisible()).toBe(true);
    expect(await edit.isVisible()).toBe(false);
    await more.tap();
    await eventually(() => edit.isVisible()).toBe(true);
    expect(await more.getAttribute("aria-expanded")).toBe("true");
    await stack.screenshot(alice, "phone-actions-alice");
    await message.getByRole("button", { name: "Delete", exact: true }).tap();
    await eventually(() => alice.shown()).toEqual([
      { text: "This message was deleted", edited: false, images: [] },
    ]);

    // With a mouse the actions show on hover: no such button there.
    const bob = await stack.open("bob");
    await bob.send("Typed at a desk");
    await eventually(() => bob.actions("Typed at a desk")).toEqual(["Reply", "Edit", "Delete"]);
    const desk = bob.message("Typed at a desk");
    expect(await desk.getByRole("button", { name: "More actions" }).count()).toBe(0);
  });
});
