import { ParleyError } from "@parley/core";
import { directConversation, type FakeChat, incoming, makeThread } from "@parley/test-kit";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { chatOf, type StoryParameters } from "../../storybook/story-chat.js";
import { MessageList } from "./message-list.js";

const ana = directConversation("ana", { id: "ana", name: "Ana Lima" });

const meta = {
  title: "Widgets/MessageList/History notice",
  component: MessageList,
  args: { conversationId: "ana" },
  parameters: { height: 360 } satisfies StoryParameters,
} satisfies Meta<typeof MessageList>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Makes a story's server answer its history again. */
const recover = new WeakMap<FakeChat, () => void>();

/** The server fails the history (a 500) while live messages still arrive. */
const failing: StoryParameters = {
  height: 360,
  chat: {
    options: {
      conversations: [ana],
      history: { ana: makeThread("ana", 6) },
      // No try on its own: the story decides when the server recovers.
      client: { historyRetry: { maxAttempts: 0 } },
    },
    setup(chat) {
      const read = chat.session.history.getMockImplementation();
      if (read) recover.set(chat, () => chat.session.history.mockImplementation(read));
      chat.session.history.mockRejectedValue(
        new ParleyError("server", "Internal Server Error", { status: 500 }),
      );
    },
  },
};

/** A quiet status above the live messages; "Try again" loads the history and the notice goes. */
export const Unavailable: Story = {
  parameters: failing,
  play: async (context) => {
    const canvas = within(context.canvasElement);
    const status = await canvas.findByRole("status");
    await expect(status).toHaveTextContent("Earlier messages can't be loaded right now.");
    chatOf(context).emit({ type: "message", message: incoming("ana", "Still here, live") });
    await expect(await canvas.findByText("Still here, live")).toBeVisible();
  },
};

export const UnavailableDark: Story = {
  parameters: { ...failing, theme: "dark" } satisfies StoryParameters,
  play: Unavailable.play,
};

export const TryAgain: Story = {
  parameters: failing,
  play: async (context) => {
    const canvas = within(context.canvasElement);
    const status = await canvas.findByRole("status");
    recover.get(chatOf(context))?.();
    await userEvent.click(within(status).getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(canvas.queryByRole("status")).toBeNull());
    await expect(await canvas.findByText(/Are we still on/)).toBeVisible();
    await expect(chatOf(context).client.getState().historyStatus).toEqual({});
  },
};

/** A backend that gives no history: a muted line, nothing to retry. */
export const NotOffered: Story = {
  parameters: {
    height: 360,
    chat: { options: { conversations: [ana], capabilities: { history: false } } },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByText("Earlier messages aren't available."),
    ).toBeVisible();
  },
};
