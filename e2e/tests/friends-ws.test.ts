import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/eventually.js";
import { ALICE, BOB, scenarios } from "../support/scenarios.js";
import { describeDialect } from "../support/suite.js";
import type { WidgetPage } from "../support/widget-page.js";
import { startWidgetStack, type WidgetStack } from "../support/widget-stack.js";

describeDialect(scenarios["friends-ws"]);

/** A message as `GET /api/v1/chat/messages/history/{friend}` stores it (docs/friends-ws.md). */
interface Stored {
  content: string;
  status: "sent" | "delivered" | "read";
}

// Alice and Bob, accepted friends, through ChatWindow.
describe("friends-ws: ChatWindow status ticks and soft delete", () => {
  let stack: WidgetStack;
  let alice: WidgetPage;
  let bob: WidgetPage;
  /** What the server stores, oldest first: text → status (deleted messages are left out). */
  const stored = async () => {
    const path = `/api/v1/chat/messages/history/${BOB}?limit=100`;
    const { messages } = await stack.rest<{ messages: Stored[] }>("alice", path);
    return Object.fromEntries(messages.reverse().map((m) => [m.content, m.status]));
  };

  beforeAll(async () => {
    stack = await startWidgetStack("friends-ws");
  });
  afterAll(() => stack?.close());

  it("ticks Alice's messages Sent while Bob is away, Delivered once he is online, Read once he opens them", async () => {
    alice = await stack.open("alice");
    await alice.send("Are you free on Friday?");
    // Bob has never connected: the message waits on the server, one tick.
    await eventually(() => alice.status("Are you free on Friday?")).toBe("Sent");
    expect(await stored()).toEqual({ "Are you free on Friday?": "sent" });

    // Bob logs in but opens no conversation: what Alice sends now reaches his browser.
    bob = await stack.open("bob", null);
    await eventually(() => bob.page.getByText("Choose a conversation").count()).toBe(1);
    await alice.send("For lunch, I mean");
    await eventually(() => alice.status("For lunch, I mean")).toBe("Delivered");
    expect(await alice.status("Are you free on Friday?")).toBe("Sent");
    expect(await stored()).toEqual({
      "Are you free on Friday?": "sent",
      "For lunch, I mean": "delivered",
    });
    await stack.screenshot(alice, "delivered-alice");

    // He opens their chat and sees both: both are read, the one he only got from history too.
    await bob.pick("Alice Martin");
    await eventually(() => bob.texts()).toEqual(["Are you free on Friday?", "For lunch, I mean"]);
    await eventually(() => alice.status("For lunch, I mean")).toBe("Read");
    await eventually(() => alice.status("Are you free on Friday?")).toBe("Read");
    expect(await stored()).toEqual({
      "Are you free on Friday?": "read",
      "For lunch, I mean": "read",
    });
    // friends-ws has no conversation list: the friend is named from the messages, not by id.
    await eventually(() => bob.title()).toBe("Alice Martin");
    await eventually(() => bob.conversation("Alice Martin").count()).toBe(1);
    await eventually(() => bob.presence()).toBe("Online");
    await stack.screenshot(alice, "read-alice");
  });

  it("shows Bob that Alice deleted her message, which leaves the server's history", async () => {
    await alice.send("Ignore that, wrong day");
    await eventually(() => bob.texts()).toContain("Ignore that, wrong day");
    expect(await bob.actions("Ignore that, wrong day")).toEqual([]); // not his to delete
    await alice.act("Ignore that, wrong day", "Delete");
    await eventually(() => bob.shown()).toEqual([
      { text: "Are you free on Friday?", edited: false, images: [] },
      { text: "For lunch, I mean", edited: false, images: [] },
      { text: "This message was deleted", edited: false, images: [] },
    ]);
    await eventually(() => alice.shown()).toEqual(await bob.shown());
    // The list's preview no longer shows the deleted text, on either side.
    await eventually(() => bob.preview("Alice Martin")).not.toContain("Ignore that");
    expect(Object.keys(await stored())).toEqual(["Are you free on Friday?", "For lunch, I mean"]);
    // The deletion lasts: a window opened now does not bring the message back.
    const again = await stack.open("bob");
    await eventually(() => again.texts()).toEqual(["Are you free on Friday?", "For lunch, I mean"]);
    await stack.screenshot(bob, "deleted-bob");
  });
});

// Alice and Bob have never written to each other: each starts the chat from ChatWindow's
// "New conversation" button, by name, as a person would.
describe("friends-ws: a conversation started from ChatWindow's people picker", () => {
  let stack: WidgetStack;
  /** Something shown where a name belongs that looks like an id (UUID, ObjectId, a number). */
  const idLike = /^([0-9a-f]{8}-[0-9a-f-]{27}|[0-9a-f]{24}|\d+)$/i;

  beforeAll(async () => {
    stack = await startWidgetStack("friends-ws");
  });
  afterAll(() => stack?.close());

  it("Alice finds Bob by name and writes to him; Bob finds her and reads it", async () => {
    const alice = await stack.open("alice", null);
    const bob = await stack.open("bob", null);

    // Everyone the app knows but herself, by name, sorted; then only Bob.
    const everyone = await alice.findPeople("");
    expect(everyone).toEqual(["Carol Diaz", "Dan Okafor", "Dr. Bob Chen"]);
    expect(everyone.filter((name) => idLike.test(name))).toEqual([]);
    expect(await alice.focused()).toBe("combobox Search people by name");
    await alice.picker.getByRole("combobox").fill("bob");
    await eventually(() =>
      alice.picker.locator('[role="option"] .parley-people-picker__name').allInnerTexts(),
    ).toEqual(["Dr. Bob Chen"]);
    await stack.screenshot(alice, "new-conversation-picker");
    await alice.picker.getByRole("combobox").press("Enter");

    // Their chat opens at once, empty, titled with his name; the app's URL follows.
    expect(await alice.picker.count()).toBe(0);
    await eventually(() => alice.title()).toBe("Dr. Bob Chen");
    expect(new URL(alice.page.url()).searchParams.get("chat")).toBe(BOB);
    await eventually(() => alice.page.getByText("No messages yet. Say hello!").count()).toBe(1);
    await alice.send("Hi Bob, it is Alice");
    await eventually(() => alice.status("Hi Bob, it is Alice")).toBe("Delivered");

    // Bob opens the picker, changes his mind (Escape gives focus back to the button), then
    // finds Alice: the chat that exists now opens, with her message, and is read.
    expect(await bob.findPeople("ali")).toEqual(["Alice Martin"]);
    await bob.page.keyboard.press("Escape");
    expect(await bob.picker.count()).toBe(0);
    expect(await bob.focused()).toBe("button New conversation");
    expect(await bob.findPeople("martin")).toEqual(["Alice Martin"]);
    await bob.picker.getByRole("option", { name: "Alice Martin" }).click();
    await eventually(() => bob.title()).toBe("Alice Martin");
    expect(new URL(bob.page.url()).searchParams.get("chat")).toBe(ALICE);
    await eventually(() => bob.texts()).toEqual(["Hi Bob, it is Alice"]);
    await eventually(() => alice.status("Hi Bob, it is Alice")).toBe("Read");
    await bob.send("Welcome, Alice");
    await eventually(() => alice.texts()).toEqual(["Hi Bob, it is Alice", "Welcome, Alice"]);
    await stack.screenshot(bob, "new-conversation-bob");
  });
});
