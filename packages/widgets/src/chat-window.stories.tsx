import type { ChatClient } from "@parley/core";
import { ParleyError } from "@parley/core";
import { ChatProvider } from "@parley/react";
import type { FakeChatOptions } from "@parley/test-kit";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { useEffect, useState } from "react";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { sampleConversations, sampleHistory } from "../storybook/data.js";
import { restHandlers } from "../storybook/msw-handlers.js";
import { restClient } from "../storybook/rest-chat.js";
import { chatOf, type StoryParameters, until } from "../storybook/story-chat.js";
import { ChatWindow } from "./chat-window.js";
import { ar } from "./locales/ar.js";

const meta = {
  title: "Widgets/ChatWindow",
  component: ChatWindow,
  args: { defaultConversationId: "ana" },
} satisfies Meta<typeof ChatWindow>;
export default meta;
type Story = StoryObj<typeof meta>;

const full: FakeChatOptions = {
  conversations: sampleConversations(),
  history: sampleHistory(),
  capabilities: { replies: true, edit: true, delete: true, attachments: "upload", groups: true },
};

// Each story says its own data: Storybook merges parameters deeply, so a shared default would
// leak into stories that want less.
export const Default: Story = {
  parameters: { chat: { options: full } } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("heading", { name: "Ana Lima" })).toBeVisible();
    const input = canvas.getByRole("textbox", { name: "Message" });
    await userEvent.type(input, "Sounds good!{Enter}");
    await expect(await canvas.findByText("Sounds good!")).toBeVisible();
    await expect(input).toHaveFocus();
    await expect(input).toHaveValue("");
    // The light palette inside [data-theme="light"].
    const frame = canvasElement.querySelector(".story-frame") as HTMLElement;
    await expect(getComputedStyle(frame).backgroundColor).toBe("rgb(255, 255, 255)");
  },
};

export const NoConversationSelected: Story = {
  args: { defaultConversationId: null },
  parameters: { chat: { options: full } } satisfies StoryParameters,
};

export const Empty: Story = {
  args: { defaultConversationId: null },
  parameters: { chat: { options: { conversations: [] } } } satisfies StoryParameters,
};

export const Loading: Story = {
  parameters: {
    chat: {
      options: {
        conversations: sampleConversations(),
        history: sampleHistory(),
        historyDelayMs: Number.POSITIVE_INFINITY,
      },
    },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText("Loading messages…")).toBeVisible();
  },
};

export const Offline: Story = {
  parameters: {
    chat: {
      options: { conversations: sampleConversations(), history: sampleHistory() },
      setup: (chat) => chat.environment.setOnline(false),
    },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    const banner = await within(canvasElement).findByText(/You are offline/);
    await expect(banner).toHaveAttribute("data-state", "offline");
  },
};

export const Reconnecting: Story = {
  parameters: {
    chat: {
      options: {
        conversations: sampleConversations(),
        history: sampleHistory(),
        client: { backoff: { min: 60_000, max: 60_000 } },
      },
      setup: (chat) => {
        chat.holdConnections(true);
        chat.emit({ type: "closed", error: new ParleyError("network", "The connection dropped") });
      },
    },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    const banner = await within(canvasElement).findByText(/Reconnecting/);
    await expect(banner).toHaveAttribute("data-state", "reconnecting");
  },
};

export const Typing: Story = {
  args: { defaultConversationId: "design" },
  parameters: {
    chat: {
      options: {
        conversations: sampleConversations(),
        history: sampleHistory(),
        client: { typing: { expireMs: 600_000 } },
      },
      setup: (chat) => {
        chat.emit({ type: "typing", conversationId: "design", userId: "ben", typing: true });
        chat.emit({ type: "typing", conversationId: "design", userId: "cleo", typing: true });
      },
    },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByText("Ben Okafor and Cleo Park are typing…"),
    ).toBeVisible();
  },
};

export const FailedSend: Story = {
  parameters: {
    chat: {
      options: {
        conversations: sampleConversations(),
        history: sampleHistory(),
        sendOutcome: (m) => (m.text.includes("fail") ? "fail" : "ok"),
      },
    },
  } satisfies StoryParameters,
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const chat = chatOf({ loaded });
    await userEvent.type(canvas.getByRole("textbox", { name: "Message" }), "this will fail{Enter}");
    const failed = await canvas.findByRole("group", { name: "Not sent." });
    chat.options.sendOutcome = () => "ok";
    await userEvent.click(within(failed).getByRole("button", { name: "Retry" }));
    await waitFor(() => expect(canvas.queryByRole("group", { name: "Not sent." })).toBeNull());
    await expect(canvas.getByText("this will fail")).toBeVisible();
  },
};

export const Dark: Story = {
  parameters: { theme: "dark", chat: { options: full } } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    // The dark palette applies inside [data-theme="dark"], whatever the system's setting.
    const nav = await within(canvasElement).findByRole("navigation", { name: "Conversations" });
    const frame = canvasElement.querySelector(".story-frame") as HTMLElement;
    await expect(getComputedStyle(frame).backgroundColor).toBe("rgb(15, 23, 42)");
    await expect(getComputedStyle(nav).color).toBe("rgb(241, 245, 249)");
  },
};

export const RightToLeft: Story = {
  parameters: {
    chat: { options: full },
    dir: "rtl",
    widgets: { translation: ar, locale: "ar-EG" },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    const nav = await within(canvasElement).findByRole("navigation", { name: "المحادثات" });
    await expect(getComputedStyle(nav).direction).toBe("rtl");
  },
};

function FromRest(props: Parameters<typeof ChatWindow>[0]) {
  const [client] = useState<ChatClient>(() => restClient());
  useEffect(() => {
    client.connect();
    return () => client.destroy();
  }, [client]);
  return (
    <ChatProvider client={client}>
      <ChatWindow {...props} />
    </ChatProvider>
  );
}

/** Data over `fetch` from a REST API mocked by msw. */
export const FromRestApi: Story = {
  parameters: {
    msw: { handlers: restHandlers() },
    chat: { connect: false },
  } satisfies StoryParameters,
  render: (args) => <FromRest {...args} />,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(
      await canvas.findByRole("button", { name: /Design review/ }, { timeout: 4000 }),
    ).toBeVisible();
    await until(() => canvasElement.querySelectorAll("article").length > 0);
  },
};

/**
 * A phone (390 px): one pane at a time, by the window's own width. The list, a conversation
 * opened from it (with a back button, focused), and back to the list with that conversation
 * still selected and focused.
 */
export const Phone: Story = {
  args: { defaultConversationId: null },
  parameters: { width: 390, chat: { options: full } } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const chatWindow = canvasElement.querySelector(".parley-chat") as HTMLElement;
    await waitFor(() => expect(chatWindow).toHaveAttribute("data-layout", "single"));
    const nav = await canvas.findByRole("navigation", { name: "Conversations" });
    await expect(nav).toBeVisible();
    await expect(canvas.queryByText("Choose a conversation")).toBeNull();

    await userEvent.click(within(nav).getByRole("button", { name: /Ana Lima/ }));
    await expect(await canvas.findByRole("heading", { name: "Ana Lima" })).toBeVisible();
    await expect(canvas.queryByRole("navigation", { name: "Conversations" })).toBeNull();
    await expect(canvas.getByRole("textbox", { name: "Message" })).toBeVisible();
    const back = canvas.getByRole("button", { name: "Back to conversations" });
    await expect(back).toBeVisible();
    await expect(back).toHaveFocus();
    await expect(chatWindow).toHaveAttribute("data-pane", "thread");

    await userEvent.click(back);
    const list = await canvas.findByRole("navigation", { name: "Conversations" });
    await expect(list).toBeVisible();
    await expect(canvas.queryByRole("heading", { name: "Ana Lima" })).toBeNull();
    await expect(canvas.queryByRole("button", { name: "Back to conversations" })).toBeNull();
    const ana = within(list).getByRole("button", { name: /Ana Lima/ });
    await expect(ana).toHaveAttribute("aria-current", "true");
    await expect(ana).toHaveFocus();
    await expect(chatWindow).toHaveAttribute("data-pane", "list");
  },
};

/** The same window wide: list and thread side by side, no back button. */
export const Wide: Story = {
  parameters: { width: 900, chat: { options: full } } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByRole("heading", { name: "Ana Lima" })).toBeVisible();
    await expect(canvas.getByRole("navigation", { name: "Conversations" })).toBeVisible();
    await expect(canvas.queryByRole("button", { name: "Back to conversations" })).toBeNull();
    const chatWindow = canvasElement.querySelector(".parley-chat") as HTMLElement;
    await expect(chatWindow).toHaveAttribute("data-layout", "split");
  },
};
