import type { Message } from "@parley/core";
import { directConversation, makeThread } from "@parley/test-kit";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import { chatOf, type StoryParameters, until } from "../../storybook/story-chat.js";
import { MessageList } from "./message-list.js";

const ana = directConversation("ana", { id: "ana", name: "Ana Lima", avatar: "/fixtures/ana.svg" });

const meta = {
  title: "Widgets/MessageList/Jump to a message",
  component: MessageList,
  args: { conversationId: "ana" },
  parameters: { height: 480 } satisfies StoryParameters,
} satisfies Meta<typeof MessageList>;
export default meta;
type Story = StoryObj<typeof meta>;

const scroller = (root: HTMLElement) => within(root).getByRole("log", { name: "Messages" });
const highlighted = (root: HTMLElement) =>
  scroller(root).querySelector<HTMLElement>("[data-highlighted] article");
/** Where the highlighted message sits relative to the log's top, when it is in the DOM. */
const topOfHighlighted = (root: HTMLElement) => {
  const row = highlighted(root);
  const log = scroller(root);
  return row ? row.getBoundingClientRect().top - log.getBoundingClientRect().top : null;
};
const inView = (root: HTMLElement) => {
  const top = topOfHighlighted(root);
  return top !== null && top >= 0 && top < scroller(root).clientHeight;
};

/**
 * A search hit or a quote six pages back: older pages load (300 ms each) until the message is
 * there, the view goes to it and highlights it, and it stays where it is while the page before
 * it loads above.
 */
export const JumpToMessage: Story = {
  args: { jumpTo: { messageId: "ana-23" } },
  parameters: {
    chat: {
      options: {
        conversations: [ana],
        history: { ana: makeThread("ana", 200) },
        pageSize: 30,
        historyDelayMs: (cursor) => (cursor === null ? 0 : 300),
      },
    },
  } satisfies StoryParameters,
  play: async ({ canvasElement, loaded }) => {
    const chat = chatOf({ loaded });
    const messages = () => chat.client.getState().threads.ana?.messages ?? ([] as Message[]);
    await within(canvasElement).findByText("Finding the message…");
    await until(() => inView(canvasElement), 8000);
    await expect(highlighted(canvasElement)?.textContent).toContain("(#23)");
    const before = topOfHighlighted(canvasElement) as number;
    // At the top of what is loaded: the last older page loads above the view.
    await until(() => messages().length === 200, 8000);
    await until(() => scroller(canvasElement).getAttribute("aria-busy") === "false");
    // Still in view, close to where it was: without anchoring it would drop by the whole page
    // (20 rows). Known gap: it can move by one sender line (about 23 px) when the page above
    // takes the first loaded message's group header away.
    await expect(inView(canvasElement)).toBe(true);
    await expect(
      Math.abs((topOfHighlighted(canvasElement) ?? Number.NaN) - before),
    ).toBeLessThanOrEqual(32);
  },
};

/** A message the history does not have: the list says so and stays at the newest messages. */
export const MessageGone: Story = {
  args: { jumpTo: { messageId: "no-such-message" } },
  parameters: {
    chat: {
      options: { conversations: [ana], history: { ana: makeThread("ana", 40) }, pageSize: 20 },
    },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText(
      "This message could not be found.",
      {},
      { timeout: 5000 },
    );
    await expect(highlighted(canvasElement)).toBeNull();
  },
};
