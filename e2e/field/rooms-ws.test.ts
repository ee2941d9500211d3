import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../support/eventually.js";
import { scenarios } from "../support/scenarios.js";
import { storedRows } from "../support/stored-history.js";
import { describeDialect } from "../support/suite.js";
import type { WidgetPage } from "../support/widget-page.js";
import { startWidgetStack, type WidgetStack } from "../support/widget-stack.js";

// The two-user suite against the field profile: rooms-ws as its deployed backend behaves. Its
// history fails once a message has a read receipt, so nothing can catch up after a restart.
describeDialect({ ...scenarios["rooms-ws"], catchUp: false });

// The deployed backend keeps history, edit, delete and upload for staff (401 for a customer)
// and sends no frame for an edit (docs/rooms-ws.md, "Field profile").
describe("rooms-ws (field): ChatWindow with staff-only REST", () => {
  let stack: WidgetStack;
  let alice: WidgetPage;
  let bob: WidgetPage;
  const stored = () =>
    storedRows<{ content: string | null; is_edited: number }>(
      stack.server,
      "SELECT content, is_edited FROM rooms_ws_chat_messages WHERE chat_id = 1 ORDER BY id",
    );
  const named = (window: WidgetPage, text: string, action: string) =>
    window.message(text).getByRole("button", { name: action }).count();

  beforeAll(async () => {
    stack = await startWidgetStack("rooms-ws");
    alice = await stack.open("alice");
    bob = await stack.open("bob");
  });
  afterAll(() => stack?.close());

  it("offers the customer only what the backend lets her do", async () => {
    await alice.send("Can I move my booking?");
    await eventually(() => bob.texts()).toEqual(["Can I move my booking?"]);
    // Her history was refused (401): no edit, delete or attachment is offered to her.
    await eventually(() => alice.page.getByRole("button", { name: "Attach a file" }).count()).toBe(
      0,
    );
    await alice.message("Can I move my booking?").hover();
    expect(await named(alice, "Can I move my booking?", "Edit")).toBe(0);
    expect(await named(alice, "Can I move my booking?", "Delete")).toBe(0);
    // Staff keep them.
    await bob.send("Yes, to which day?");
    await eventually(() => alice.texts()).toContain("Yes, to which day?");
    await bob.message("Yes, to which day?").hover();
    await eventually(() => named(bob, "Yes, to which day?", "Edit")).toBe(1);
  });

  it("shows the staff member's edit on his side; the customer keeps the old text", async () => {
    await bob.act("Yes, to which day?", "Edit");
    await eventually(() => bob.composer.inputValue()).toBe("Yes, to which day?");
    await bob.rewrite("Yes: to which day and time?");
    await eventually(() => bob.texts()).toContain("Yes: to which day and time?");
    await eventually(() => stored().map((m) => m.content)).toEqual([
      "Can I move my booking?",
      "Yes: to which day and time?",
    ]);
    // No frame tells the other side (a gap of the deployed backend, not a loss).
    expect(await alice.texts()).toContain("Yes, to which day?");
  });
});
