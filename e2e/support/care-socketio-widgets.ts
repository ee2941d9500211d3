import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "./eventually.js";
import type { WidgetPage } from "./widget-page.js";
import { startWidgetStack, type WidgetStack } from "./widget-stack.js";

/** The care-socketio ChatWindow tests (presence, unread counts), in whichever profile the server runs. */
export function describeCareWidgets(): void {
  // Alice (a patient) and her doctor Bob, through ChatWindow.
  describe("care-socketio: ChatWindow presence, status and unread counts", () => {
    let stack: WidgetStack;
    let alice: WidgetPage;
    let bob: WidgetPage;
    /** The server's count of messages to Bob he has not read (`GET /chat/unread-count`). */
    const bobsUnread = async () =>
      (await stack.rest<{ data: { unreadCount: number } }>("bob", "/chat/unread-count")).data
        .unreadCount;

    beforeAll(async () => {
      stack = await startWidgetStack("care-socketio");
    });
    afterAll(() => stack?.close());

    it("shows Bob whether Alice is online, with her status, and when she leaves and comes back", async () => {
      alice = await stack.open("alice");
      await alice.send("Good morning, doctor");
      await eventually(() => alice.status("Good morning, doctor")).toBe("Sent");
      bob = await stack.open("bob");
      await eventually(() => bob.texts()).toEqual(["Good morning, doctor"]);
      // The name comes with the conversation list, which may answer after the history.
      await eventually(() => bob.title()).toBe("Alice Martin");
      // Online, with her desk status in words (available reads Online; busy, away as such).
      await eventually(() => bob.presence()).toBe("Online");
      await eventually(() => bob.presenceInList("Alice Martin")).toBe("Online");
      await stack.screenshot(bob, "presence-bob");

      await alice.page.close();
      await eventually(() => bob.presence()).toBe("Offline");
      await eventually(() => bob.presenceInList("Alice Martin")).toBe("Offline");

      alice = await stack.open("alice");
      await eventually(() => bob.presence()).toBe("Online");
    });

    it("counts Alice's new messages on Bob's list until he opens her conversation", async () => {
      // Bob comes back to the desk with no conversation open.
      await bob.page.close();
      bob = await stack.open("bob", null);
      await eventually(() => bob.preview("Alice Martin")).toBe("Good morning, doctor");
      await eventually(() => bobsUnread()).toBe(0);

      await alice.send("I have a question");
      await alice.send("About my prescription");
      await eventually(() => bob.unread("Alice Martin")).toBe(2);
      await eventually(() => bob.preview("Alice Martin")).toBe("About my prescription");
      expect(await bobsUnread()).toBe(2);
      await eventually(() => alice.status("About my prescription")).toBe("Sent");
      await stack.screenshot(bob, "unread-bob");

      await bob.openConversation("Alice Martin");
      await eventually(() => bob.texts()).toEqual([
        "Good morning, doctor",
        "I have a question",
        "About my prescription",
      ]);
      await eventually(() => bob.unread("Alice Martin")).toBe(0);
      await eventually(() => alice.status("I have a question")).toBe("Read");
      await eventually(() => alice.status("About my prescription")).toBe("Read");
      expect(await bobsUnread()).toBe(0);
      await stack.screenshot(alice, "read-alice");
    });
  });
}
