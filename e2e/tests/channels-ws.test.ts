import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/eventually.js";
import { restHistory } from "../support/rest-history.js";
import { scenarios } from "../support/scenarios.js";
import { describeDialect } from "../support/suite.js";
import type { WidgetPage } from "../support/widget-page.js";
import { startWidgetStack, type WidgetStack } from "../support/widget-stack.js";

describeDialect(scenarios["channels-ws"]);

const CHAT = scenarios["channels-ws"].conversation.bob;
const CHAT_SOCKET = `/ws/chat/${CHAT}/`;

// Alice (the patient) and Bob (the professional) in their chat room, through ChatWindow.
describe("channels-ws: ChatWindow with one socket per opened chat", () => {
  let stack: WidgetStack;
  let alice: WidgetPage;
  let bob: WidgetPage;

  beforeAll(async () => {
    stack = await startWidgetStack("channels-ws");
  });
  afterAll(() => stack?.close());

  it("opens the chat's socket when Bob opens it from his list, and exchanges over it", async () => {
    alice = await stack.open("alice");
    await alice.send("Hello, I booked a session");
    await eventually(() => restHistory(stack.server, "channels-ws")).toEqual([
      "Hello, I booked a session",
    ]);
    await eventually(() => alice.openSockets()).toEqual([CHAT_SOCKET]);

    bob = await stack.open("bob", null);
    // The chat list gives ids only; the app's user directory names Alice.
    await eventually(() => bob.preview("Alice Martin")).toBe("Hello, I booked a session");
    expect(await bob.openSockets()).toEqual([]);

    await bob.openConversation("Alice Martin");
    await eventually(() => bob.openSockets()).toEqual([CHAT_SOCKET]);
    await eventually(() => bob.texts()).toEqual(["Hello, I booked a session"]);
    await bob.send("Welcome, see you on Monday");
    await eventually(() => alice.texts()).toEqual([
      "Hello, I booked a session",
      "Welcome, see you on Monday",
    ]);
    expect(await restHistory(stack.server, "channels-ws")).toEqual(await alice.texts());
    await stack.screenshot(bob, "chat-bob");
  });

  it("offers no reply, edit, delete, attachment or read tick, which the protocol lacks", async () => {
    expect(await alice.actions("Hello, I booked a session")).toEqual([]);
    expect(await bob.actions("Hello, I booked a session")).toEqual([]);
    expect(await alice.page.getByRole("button", { name: "Attach a file" }).count()).toBe(0);
    // Bob has it on screen, yet nothing can tell Alice so: one tick stays.
    expect(await alice.status("Hello, I booked a session")).toBe("Sent");
    expect(await bob.status("Welcome, see you on Monday")).toBe("Sent");
  });
});
