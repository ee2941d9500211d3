import { ChatProvider } from "@parley/react";
import { type FakeChat, type FakeChatOptions, fakeChat } from "@parley/test-kit";
import type { Decorator, Loader } from "@storybook/react-vite";
import type { MswParameters } from "msw-storybook-addon";
import { useEffect } from "react";
import { WidgetsProvider, type WidgetsProviderProps } from "../src/context.js";

/** What a story says about its data: `parameters.chat`. */
export interface ChatParameters {
  options?: FakeChatOptions;
  /** Connect before rendering. @default true */
  connect?: boolean;
  /** Runs after connecting: play the server, open conversations, go offline... */
  setup?: (chat: FakeChat) => void | Promise<void>;
}

/** Story parameters of these helpers. */
export interface StoryParameters {
  chat?: ChatParameters;
  widgets?: Omit<WidgetsProviderProps, "children">;
  /** Height of the frame the widget renders in. @default 560 */
  height?: number | "auto";
  /** Width of the frame (a phone: 390). @default the page's */
  width?: number;
  theme?: "light" | "dark";
  dir?: "ltr" | "rtl";
  /** msw-storybook-addon's request handlers for the story. */
  msw?: MswParameters["msw"];
}

/** Makes an in-memory client per story render (available to `play` as `loaded.chat`). */
export const chatLoader: Loader = async ({ parameters }) => {
  const settings = (parameters as StoryParameters).chat ?? {};
  // A story's server confirms each send at once unless the story says otherwise.
  const chat = fakeChat({ sendOutcome: () => "ok", ...settings.options });
  if (settings.connect !== false) await chat.connect();
  await settings.setup?.(chat);
  return { chat };
};

function Destroy({ chat }: { chat: FakeChat }) {
  useEffect(() => () => chat.client.destroy(), [chat]);
  return null;
}

/** Wraps each story in the providers and a themed, sized frame. */
export const withChat: Decorator = (Story, context) => {
  const parameters = context.parameters as StoryParameters;
  const chat = (context.loaded as { chat?: FakeChat }).chat;
  const frame = (
    <WidgetsProvider {...parameters.widgets}>
      <div
        className="story-frame"
        data-theme={parameters.theme ?? "light"}
        dir={parameters.dir}
        style={{
          height: parameters.height === "auto" ? undefined : (parameters.height ?? 560),
          width: parameters.width,
          padding: 16,
          boxSizing: "border-box",
          background: "var(--parley-bg)",
          color: "var(--parley-text)",
          fontFamily: "var(--parley-font)",
        }}
      >
        <Story />
      </div>
    </WidgetsProvider>
  );
  if (!chat) return frame;
  return (
    <ChatProvider client={chat.client}>
      <Destroy chat={chat} />
      {frame}
    </ChatProvider>
  );
};

/** The story's client, from a play function's context. */
export function chatOf(context: { loaded: Record<string, unknown> }): FakeChat {
  return context.loaded.chat as FakeChat;
}

/** Waits until `check` passes, polling; for play functions. */
export async function until(check: () => boolean, timeoutMs = 4000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
