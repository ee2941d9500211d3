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

// Its history answers 500 once a message of the page has a read receipt: a window opened after
// one keeps its live messages and says, quietly, that earlier ones can't be loaded (issue 14).
describe("rooms-ws (field): history that fails after a read receipt", () => {
  let stack: WidgetStack;
  const notice = (window: WidgetPage) =>
    window.page
      .getByRole("status")
      .filter({ hasText: "Earlier messages can't be loaded right now" });

  beforeAll(async () => {
    stack = await startWidgetStack("rooms-ws");
  });
  afterAll(() => stack?.close());

  it("reopened after a receipt, Bob's window shows the notice while live messages still arrive", async () => {
    const alice = await stack.open("alice");
    const bob = await stack.open("bob");
    await bob.send("Your booking is at 10");
    await eventually(() => alice.texts()).toEqual(["Your booking is at 10"]);
    // Alice's window marks it read: the server's history of this chat answers 500 from now on.
    await eventually(() => bob.status("Your booking is at 10")).toBe("Read");
    expect(await notice(bob).count()).toBe(0);

    await bob.page.reload();
    await eventually(() => notice(bob).count()).toBe(1);
    await expect.poll(() => notice(bob).getByRole("button", { name: "Try again" }).count()).toBe(1);
    // Not an error page: what the window held is still shown, and new messages arrive live.
    await alice.send("Thanks, see you then");
    await eventually(() => bob.texts()).toEqual(["Your booking is at 10", "Thanks, see you then"]);
    expect(await notice(bob).count()).toBe(1);
    await stack.screenshot(bob, "history-unavailable-bob");

    // Trying again asks the server again; it still fails, and the notice stays, quietly.
    const asked = bob.page.waitForResponse((r) => r.url().includes("/messages?"));
    await notice(bob).getByRole("button", { name: "Try again" }).click();
    expect((await asked).status()).toBe(500);
    await eventually(() => notice(bob).count()).toBe(1);
    expect(await bob.page.getByRole("alert").count()).toBe(0);
  });
});
