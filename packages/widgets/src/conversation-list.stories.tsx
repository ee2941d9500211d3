import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, within } from "storybook/test";
import { sampleConversations, sampleHistory } from "../storybook/data.js";
import type { StoryParameters } from "../storybook/story-chat.js";
import { ConversationList } from "./conversation-list.js";

const meta = {
  title: "Widgets/ConversationList",
  component: ConversationList,
  parameters: { height: 420 } satisfies StoryParameters,
} satisfies Meta<typeof ConversationList>;
export default meta;
type Story = StoryObj<typeof meta>;

const data = {
  conversations: sampleConversations(),
  history: sampleHistory(),
  capabilities: { presence: true },
};

/** Arrow keys move between conversations; the selected one is `aria-current`. */
export const Default: Story = {
  args: { defaultSelectedId: "ana" },
  parameters: {
    chat: {
      options: data,
      setup: (chat) => {
        chat.emit({ type: "presence", userId: "ana", presence: { online: true } });
        chat.emit({
          type: "presence",
          userId: "dmitri",
          presence: { online: false, lastSeenAt: "2025-03-01T10:00:00Z" },
        });
      },
    },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const ana = await canvas.findByRole("button", { name: /Ana Lima/ });
    await expect(ana).toHaveAttribute("aria-current", "true");
    await expect(canvas.getByRole("button", { name: /Design review/ })).toHaveAccessibleName(
      /3 unread messages/,
    );
    ana.focus();
    await userEvent.keyboard("{ArrowDown}");
    await expect(canvas.getByRole("button", { name: /Design review/ })).toHaveFocus();
    await userEvent.keyboard("{Enter}");
    await expect(canvas.getByRole("button", { name: /Design review/ })).toHaveAttribute(
      "aria-current",
      "true",
    );
  },
};

export const Loading: Story = {
  parameters: { chat: { connect: false, options: data } } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    await expect(within(canvasElement).getByText("Loading conversations…")).toBeVisible();
  },
};

export const Empty: Story = {
  parameters: { chat: { options: { conversations: [] } } } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText("No conversations yet")).toBeVisible();
  },
};

export const Dark: Story = {
  args: { defaultSelectedId: "design" },
  parameters: { theme: "dark", chat: { options: data } } satisfies StoryParameters,
};

export const RightToLeft: Story = {
  args: { defaultSelectedId: "design" },
  parameters: {
    dir: "rtl",
    widgets: { dir: "rtl", locale: "ar-EG" },
    chat: { options: data },
  } satisfies StoryParameters,
};
