import type { Conversation, Message } from "@parley/core";
import { XSS_MARKUP, XSS_URLS } from "@parley/test-kit";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, within } from "storybook/test";
import type { StoryParameters } from "../storybook/story-chat.js";
import { ChatWindow } from "./chat-window.js";

const payloads = [...XSS_MARKUP, ...XSS_URLS];
const conversation: Conversation = {
  id: "evil",
  kind: "group",
  title: XSS_MARKUP[2] as string,
  participants: [
    { id: "me", name: "Me" },
    ...payloads
      .slice(0, 8)
      .map((p, i) => ({ id: `u${i}`, name: p, avatar: XSS_URLS[i] as string })),
  ],
  unreadCount: 0,
};
const messages: Message[] = payloads.map((p, i) => ({
  clientId: `id:x${i}`,
  id: `x${i}`,
  conversationId: "evil",
  senderId: `u${i % 8}`,
  text: i % 2 ? p : `look ${p} https://ok.example/${i}`,
  createdAt: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString(),
  status: "sent",
  attachments: [
    { url: XSS_URLS[i % XSS_URLS.length] as string, name: p, type: i % 2 ? "image/png" : "file" },
  ],
}));

declare global {
  interface Window {
    __parleyXss?: unknown;
  }
}

/**
 * OWASP filter-evasion payloads in message text, names, titles, avatars and attachment URLs:
 * everything renders as text, no script runs, no unsafe URL reaches an `href` or `src`.
 */
const meta = {
  title: "Security/Hostile content",
  component: ChatWindow,
  args: { defaultConversationId: "evil" },
  parameters: {
    height: 20_000,
    chat: {
      options: { conversations: [conversation], history: { evil: messages }, pageSize: 500 },
    },
  } satisfies StoryParameters,
} satisfies Meta<typeof ChatWindow>;
export default meta;

export const XssPayloads: StoryObj<typeof meta> = {
  play: async ({ canvasElement }) => {
    window.__parleyXss = undefined;
    const canvas = within(canvasElement);
    await expect((await canvas.findAllByText(XSS_MARKUP[0] as string)).length).toBeGreaterThan(0);
    // Hover and focus everything: handlers like onmouseover or onfocus would fire now.
    for (const el of canvasElement.querySelectorAll<HTMLElement>("article"))
      await userEvent.hover(el);
    await new Promise((r) => setTimeout(r, 500));
    await expect(window.__parleyXss).toBeUndefined();
    for (const a of canvasElement.querySelectorAll("a")) {
      await expect(["http:", "https:", "mailto:"]).toContain(new URL(a.href).protocol);
      await expect(a).toHaveAttribute("rel", "noopener noreferrer");
    }
    for (const img of canvasElement.querySelectorAll("img")) {
      await expect(["http:", "https:"]).toContain(new URL(img.src).protocol);
    }
    await expect(canvasElement.querySelectorAll("script, iframe, object, embed")).toHaveLength(0);
  },
};
