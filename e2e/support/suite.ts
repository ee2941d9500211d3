import { mkdir, stat } from "node:fs/promises";
import { cacheName } from "@parley/core/idb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatPage } from "./chat-page.js";
import { eventually } from "./eventually.js";
import { restHistory } from "./rest-history.js";
import { ALICE, type Scenario } from "./scenarios.js";
import { type Stack, startStack } from "./stack.js";
import { suffix } from "./widget-stack.js";

const ARTIFACTS = new URL("../artifacts/", import.meta.url);

/**
 * Alice and Bob chat on one dialect in two Chromium contexts. The tests run in order and share
 * the conversation: each adds to it, and `expectConversation` checks that both windows and the
 * server's REST history hold exactly the same messages, each once, in the same order.
 */
export function describeDialect(scenario: Scenario): void {
  const { dialect } = scenario;

  describe(`${dialect}: two users in Chromium`, () => {
    let stack: Stack;
    let bob: ChatPage;
    const conversation: string[] = [];

    beforeAll(async () => {
      stack = await startStack(scenario);
    });
    afterAll(async () => {
      await stack?.browser.close();
      await stack?.server.close();
    });

    // Sent while the other side may not have rejoined: where nothing can catch up, a window may
    // lack these (never its own), and nothing else.
    const mayMiss = new Set<string>();
    const shows = async (window: ChatPage) => {
      if (scenario.catchUp !== false) {
        await eventually(() => window.texts()).toEqual(conversation);
        return;
      }
      await eventually(async () => gapsBeyond(conversation, await window.texts(), mayMiss)).toEqual(
        [],
      );
    };
    const expectConversation = async () => {
      await shows(stack.alice);
      await shows(bob);
      await eventually(() => restHistory(stack.server, dialect)).toEqual(conversation);
    };

    it("shows Bob what Alice wrote before he logged in", async () => {
      const { alice } = stack;
      await eventually(() => alice.connection()).toBe("connected");
      await alice.send(`Hello Bob, this is ${dialect}`);
      conversation.push(`Hello Bob, this is ${dialect}`);
      await eventually(() => restHistory(stack.server, dialect)).toEqual(conversation);
      bob = await stack.openBob();
      await eventually(() => bob.connection()).toBe("connected");
      await eventually(() => bob.texts()).toEqual(conversation);
      expect(await bob.capabilities()).toEqual(await alice.capabilities());
    });

    it("exchanges messages, each seen once on each side", async () => {
      const { alice } = stack;
      await bob.send("Hi Alice <b>not bold</b>");
      conversation.push("Hi Alice <b>not bold</b>");
      await expectConversation();
      // Text is text: the markup shows as typed and makes no element.
      expect(await alice.page.locator(".messages b").count()).toBe(0);
    });

    it("shows typing where the dialect has it", async () => {
      const { alice } = stack;
      const { typing } = await alice.capabilities();
      await bob.type("Typing a reply");
      if (typing) await eventually(() => alice.typingLine()).toBe("Dr. Bob Chen is typing…");
      await bob.composer.press("Enter");
      conversation.push("Typing a reply");
      await expectConversation();
      // Sending stops typing; a dialect without typing never shows it.
      await eventually(() => alice.typingLine()).toBe("");
      await alice.type("Typing back");
      if (typing) await eventually(() => bob.typingLine()).toBe("Alice Martin is typing…");
      await alice.composer.press("Enter");
      conversation.push("Typing back");
      await expectConversation();
      await eventually(() => bob.typingLine()).toBe("");
    });

    it("shows read receipts where the dialect has them", async () => {
      const { alice } = stack;
      const { readReceipts } = await alice.capabilities();
      await alice.send("Did you read this?");
      conversation.push("Did you read this?");
      await expectConversation();
      // Bob's window is open and visible, so he reads it; without receipts it stays unread.
      const seen = readReceipts === "false" ? ["sent"] : ["read"];
      await eventually(() => alice.statuses("Did you read this?")).toEqual(seen);
      await eventually(() => bob.statuses("Typing a reply")).toEqual(seen);
    });

    it("delivers a message sent offline exactly once when the browser is back", async () => {
      const { alice } = stack;
      await alice.context.setOffline(true);
      try {
        await eventually(() => alice.connection()).toBe("offline");
        await alice.send("Sent while offline");
        expect(await alice.statuses("Sent while offline")).toEqual(["pending"]);
      } finally {
        await alice.context.setOffline(false);
      }
      conversation.push("Sent while offline");
      await expectConversation();
      await eventually(() => alice.connection()).toBe("connected");
      await bob.send("Got your offline message");
      conversation.push("Got your offline message");
      await expectConversation();
    });

    it("loses and doubles nothing when the server restarts mid-chat, and keeps the order", async () => {
      const { alice, server } = stack;
      await server.stop();
      await eventually(() => alice.connection()).not.toBe("connected");
      await eventually(() => bob.connection()).not.toBe("connected");
      await alice.send("While the server is down, 1");
      await alice.send("While the server is down, 2");
      await bob.send("Bob while the server is down");
      await server.start();
      await eventually(() => alice.connection()).toBe("connected");
      await eventually(() => bob.connection()).toBe("connected");
      // Who reconnects first is not fixed; each sender's order and the server's order are.
      const sent = [
        "While the server is down, 1",
        "While the server is down, 2",
        "Bob while the server is down",
      ];
      const before = conversation.length;
      await eventually(async () => (await restHistory(server, dialect)).length).toBe(before + 3);
      const history = await restHistory(server, dialect);
      expect(history.slice(0, before)).toEqual(conversation);
      expect([...history.slice(before)].sort()).toEqual([...sent].sort());
      expect(history.indexOf(sent[0] as string)).toBeLessThan(history.indexOf(sent[1] as string));
      conversation.splice(0, conversation.length, ...history);
      for (const text of sent) mayMiss.add(text);
      await expectConversation();
      await bob.send("After the restart");
      conversation.push("After the restart");
      await expectConversation();
    });

    it("shows the history from the cache on reload before the network answers", async () => {
      const { alice, server } = stack;
      const cache = cacheName(server.url(dialect), ALICE);
      const shown = await alice.texts();
      // Writes are batched; what was on screen a moment ago may still be on its way to disk.
      await eventually(() => alice.stored(cache, "messages")).toBeGreaterThanOrEqual(shown.length);
      await server.stop();
      await alice.page.reload();
      // The server is down: everything shown now came from the browser's cache.
      await eventually(() => alice.texts()).toEqual(shown);
      expect(await alice.connection()).not.toBe("connected");
      // A message queued before a reload is kept and sent once the server is back.
      await alice.send("Queued across a reload");
      await eventually(() => alice.stored(cache, "outbox")).toBeGreaterThan(0);
      await alice.page.reload();
      await eventually(() => alice.texts()).toEqual([...shown, "Queued across a reload"]);
      expect(await alice.statuses("Queued across a reload")).toEqual(["pending"]);
      await server.start();
      conversation.push("Queued across a reload");
      mayMiss.add("Queued across a reload");
      await expectConversation();
      await eventually(() => bob.connection()).toBe("connected");
    });

    it("saves screenshots of both windows", async () => {
      await mkdir(ARTIFACTS, { recursive: true });
      for (const [name, window] of [
        ["alice", stack.alice],
        ["bob", bob],
      ] as const) {
        const file = new URL(`${dialect}${suffix(stack.server)}-${name}.png`, ARTIFACTS);
        await window.page.screenshot({ path: file.pathname, fullPage: true });
        expect((await stat(file)).size).toBeGreaterThan(1000);
      }
    });
  });
}

/**
 * What is wrong with a window showing `shown` where `expected` is the conversation: the texts
 * shown that should not be (extra, doubled, out of order) and the ones missing beyond those it
 * may miss. Empty when the window shows the conversation less some of `mayMiss`.
 */
export function gapsBeyond(
  expected: readonly string[],
  shown: readonly string[],
  mayMiss: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  let next = 0;
  for (const text of expected) {
    if (shown[next] === text) next += 1;
    else if (!mayMiss.has(text)) problems.push(`missing: ${text}`);
  }
  for (const text of shown.slice(next)) problems.push(`unexpected: ${text}`);
  return problems;
}
