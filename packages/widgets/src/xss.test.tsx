import type { Conversation, Message } from "@parley/core";
import { fakeChat, XSS_MARKUP, XSS_URLS } from "@parley/test-kit";
import { screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { stubLayout } from "../test/layout.js";
import { renderWithChat } from "../test/render.js";
import { ChatWindow } from "./chat-window.js";

declare global {
  var __parleyXss: unknown;
}

const ALLOWED = new Set(["http:", "https:", "mailto:"]);
const payloads = [...XSS_MARKUP, ...XSS_URLS];

function hostile(): { conversations: Conversation[]; messages: Message[] } {
  const participants = payloads.slice(0, 12).map((p, i) => ({
    id: `u${i}`,
    name: p,
    avatar: XSS_URLS[i % XSS_URLS.length] as string,
  }));
  const conversation: Conversation = {
    id: "evil",
    kind: "group",
    title: XSS_MARKUP[0] as string,
    participants: [{ id: "me", name: "Me" }, ...participants],
    unreadCount: 0,
  };
  const direct: Conversation = {
    id: "u1",
    kind: "direct",
    participants: [
      { id: "me" },
      { id: "u1", name: XSS_MARKUP[2] as string, avatar: XSS_URLS[0] as string },
    ],
    unreadCount: 0,
  };
  const messages: Message[] = payloads.map((p, i) => ({
    clientId: `id:x${i}`,
    id: `x${i}`,
    conversationId: "evil",
    senderId: `u${i % 12}`,
    // The payload alone, and as a would-be link in a sentence.
    text: i % 2 ? p : `see ${p} and https://ok.example/${i}?q=<script>`,
    createdAt: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString(),
    status: "sent",
    ...(i % 3 === 0 ? { replyTo: `x${Math.max(0, i - 1)}` } : {}),
    attachments: [
      { url: XSS_URLS[i % XSS_URLS.length] as string, name: p, type: i % 2 ? "image/png" : "file" },
    ],
  }));
  return { conversations: [conversation, direct], messages };
}

let restore: () => void = () => {};
beforeEach(() => {
  // Tall enough that every hostile message is rendered at once.
  restore = stubLayout({ viewport: 20_000, row: 40 });
  globalThis.__parleyXss = undefined;
});
afterEach(() => restore());

describe("hostile content", () => {
  it("renders payloads in text, names, links and attachment URLs as inert text", async () => {
    const { conversations, messages } = hostile();
    const chat = fakeChat({
      conversations,
      history: { evil: messages },
      pageSize: 500,
      capabilities: { replies: true, groups: true },
    });
    await chat.connect();
    renderWithChat(chat.client, <ChatWindow defaultConversationId="evil" />);
    await waitFor(() => expect(document.querySelectorAll("article").length).toBe(messages.length));

    // Every payload is visible as the literal text it is.
    expect(screen.getAllByText(XSS_MARKUP[0] as string).length).toBeGreaterThan(0);

    const root = document.body;
    // No markup from a payload became an element.
    for (const tag of [
      "script",
      "iframe",
      "math",
      "details",
      "input:not([type=file])",
      "body",
      "style",
      "object",
      "embed",
    ]) {
      expect(root.querySelectorAll(`.parley-chat ${tag}`)).toHaveLength(0);
    }
    // The only SVG is the widgets' own icons.
    expect(root.querySelectorAll(".parley-chat svg:not(.parley-icon)")).toHaveLength(0);
    for (const element of root.querySelectorAll("*")) {
      for (const attribute of element.attributes) {
        expect(attribute.name.startsWith("on"), `${element.tagName} has ${attribute.name}`).toBe(
          false,
        );
        if (attribute.name === "style") expect(attribute.value).not.toMatch(/javascript|url\(/i);
      }
    }
    // Every URL in the DOM is http(s) or mailto, and every link is isolated from this page.
    const links = [...root.querySelectorAll("a[href]")] as HTMLAnchorElement[];
    expect(links.length).toBeGreaterThan(0);
    for (const a of links) {
      expect(ALLOWED.has(new URL(a.getAttribute("href") as string).protocol), a.href).toBe(true);
      expect(a.getAttribute("rel")).toBe("noopener noreferrer");
      expect(a.getAttribute("target")).toBe("_blank");
    }
    for (const img of root.querySelectorAll("img")) {
      const src = img.getAttribute("src") as string;
      expect(["http:", "https:"]).toContain(new URL(src).protocol);
    }
    for (const el of root.querySelectorAll(
      "[src], [href], [action], [formaction], [srcdoc], [xlink\\:href]",
    )) {
      const value = el.getAttribute("src") ?? el.getAttribute("href") ?? "";
      expect(value).not.toMatch(/^\s*(javascript|data|vbscript|file|blob):/i);
    }
    expect(globalThis.__parleyXss).toBeUndefined();
  });
});
