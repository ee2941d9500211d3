import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "./eventually.js";
import { ALICE } from "./scenarios.js";
import type { WidgetPage } from "./widget-page.js";
import { startWidgetStack, type WidgetStack } from "./widget-stack.js";

/** The support-socketio ChatWindow tests (the admin inbox), in whichever profile the server runs. */
export function describeSupportWidgets(): void {
  /** One row of the admin's `GET /chat/users` (docs/support-socketio.md; `/api/chat/users` in the field). */
  interface DeskUser {
    user_id: string;
    unread_count: number;
    last_message: string | null;
  }

  // Alice writes to the support desk; Bob, an admin, answers from his inbox in ChatWindow.
  describe("support-socketio: ChatWindow admin inbox with unread counts", () => {
    let stack: WidgetStack;
    let alice: WidgetPage;
    let bob: WidgetPage;
    /** Alice's row in the desk's user list, as the server keeps it. */
    const desk = async () =>
      (await stack.rest<DeskUser[]>("bob", `${prefix()}/chat/users`)).find(
        (u) => u.user_id === ALICE,
      );
    const prefix = () => (stack.server.profile === "field" ? "/api" : "");

    beforeAll(async () => {
      stack = await startWidgetStack("support-socketio");
    });
    afterAll(() => stack?.close());

    it("lists every user for the admin, and opens one from the list", async () => {
      bob = await stack.open("bob", null);
      await eventually(() => bob.preview("Alice Martin")).toBe("No messages yet");
      expect(await bob.preview("Carol Diaz")).toBe("No messages yet");
      await bob.openConversation("Carol Diaz");
      await eventually(() => bob.title()).toBe("Carol Diaz");
      expect(
        await bob.conversation("Carol Diaz").getByRole("button").getAttribute("aria-current"),
      ).toBe("true");
    });

    it("badges Alice's messages in Bob's list while he is in another conversation", async () => {
      alice = await stack.open("alice");
      await alice.send("Hello, I need help");
      await alice.send("My appointment is not showing");
      await eventually(() => bob.unread("Alice Martin")).toBe(2);
      await eventually(() => bob.preview("Alice Martin")).toBe("My appointment is not showing");
      expect(await bob.unread("Carol Diaz")).toBe(0);
      expect(await bob.title()).toBe("Carol Diaz");
      expect(await desk()).toMatchObject({ unread_count: 2 });
      await eventually(() => alice.status("My appointment is not showing")).toBe("Sent");
      await stack.screenshot(bob, "unread-bob");
    });

    it("clears the badge when Bob opens Alice's conversation, and ticks her messages Read", async () => {
      await bob.openConversation("Alice Martin");
      await eventually(() => bob.texts()).toEqual([
        "Hello, I need help",
        "My appointment is not showing",
      ]);
      await eventually(() => bob.unread("Alice Martin")).toBe(0);
      await eventually(() => alice.status("Hello, I need help")).toBe("Read");
      await eventually(() => alice.status("My appointment is not showing")).toBe("Read");
      expect(await desk()).toMatchObject({ unread_count: 0 });
      // His answer reaches her.
      await bob.send("Let me check that for you");
      await eventually(() => alice.texts()).toContain("Let me check that for you");
      await stack.screenshot(alice, "read-alice");
    });
  });
}
