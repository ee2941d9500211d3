import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/eventually.js";
import { restHistory } from "../support/rest-history.js";
import { scenarios } from "../support/scenarios.js";
import { describeDialect } from "../support/suite.js";
import type { WidgetPage } from "../support/widget-page.js";
import { startWidgetStack, type WidgetStack } from "../support/widget-stack.js";

// The two-user suite against the field profile: channels-ws as its deployed backend behaves.
describeDialect(scenarios["channels-ws"]);

const CHAT = scenarios["channels-ws"].conversation.bob;

// The deployed backend has no chat list (docs/channels-ws.md, "Field profile", row 4) and pages
// history oldest first (row 5): a chat is opened by its id, as an app that knows it does.
describe("channels-ws (field): ChatWindow without a chat list", () => {
  let stack: WidgetStack;
  let alice: WidgetPage;
  let bob: WidgetPage;

  beforeAll(async () => {
    stack = await startWidgetStack("channels-ws");
  });
  afterAll(() => stack?.close());

  it("opens the chat by its id on both sides and shows its history in order", async () => {
    alice = await stack.open("alice");
    for (const text of ["First", "Second", "Third"]) await alice.send(text);
    await eventually(() => restHistory(stack.server, "channels-ws")).toEqual([
      "First",
      "Second",
      "Third",
    ]);
    // No list to pick from: Bob's window with no chat chosen lists nothing, and fails nothing.
    const idle = await stack.open("bob", null);
    await eventually(() => idle.page.getByText("Choose a conversation").count()).toBe(1);
    expect(await idle.page.getByRole("alert").count()).toBe(0);

    bob = await stack.open("bob", CHAT);
    await eventually(() => bob.texts()).toEqual(["First", "Second", "Third"]);
    await bob.send("Got all three");
    await eventually(() => alice.texts()).toEqual(["First", "Second", "Third", "Got all three"]);
  });
});
