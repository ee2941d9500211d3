import type { SearchHit } from "@parley/core/search";
import { withSearch } from "@parley/core/search";
import { ChatProvider, useChatClient } from "@parley/react";
import { directConversation, makeThread } from "@parley/test-kit";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { useMemo, useState } from "react";
import { expect, userEvent, within } from "storybook/test";
import { type StoryParameters, until } from "../../storybook/story-chat.js";
import { ar } from "../locales/ar.js";
import { MessageList } from "../message-list/message-list.js";
import type { JumpTarget } from "../message-list/use-jump-to-message.js";
import { SearchPanel, type SearchPanelProps } from "./search-panel.js";

const ana = directConversation("ana", { id: "ana", name: "Ana Lima", avatar: "/fixtures/ana.svg" });
const ben = directConversation("ben", {
  id: "ben",
  name: "Ben Okafor",
  avatar: "/fixtures/ben.svg",
});

/** The story's client, able to search (`withSearch` over the story's fake client). */
function Searchable({ children }: { children: React.ReactNode }) {
  const client = useChatClient();
  const searchable = useMemo(() => withSearch(client), [client]);
  return <ChatProvider client={searchable}>{children}</ChatProvider>;
}

/** A search panel beside the thread: choosing a hit opens its conversation at that message. */
function SearchAndJump(props: Partial<SearchPanelProps>) {
  const [open, setOpen] = useState<{ conversationId: string; jumpTo: JumpTarget } | null>(null);
  const select = (hit: SearchHit) =>
    setOpen({ conversationId: hit.conversationId, jumpTo: { messageId: hit.message.id ?? "" } });
  return (
    <Searchable>
      <div
        style={{
          display: "grid",
          gridTemplateColumns: "minmax(0, 1fr) minmax(0, 1.4fr)",
          height: "100%",
          gap: 8,
        }}
      >
        <SearchPanel onSelect={select} debounceMs={150} {...props} />
        {open ? (
          <MessageList conversationId={open.conversationId} jumpTo={open.jumpTo} />
        ) : (
          <p>Choose a result</p>
        )}
      </div>
    </Searchable>
  );
}

const meta = {
  title: "Widgets/SearchPanel",
  component: SearchAndJump,
  parameters: {
    height: 520,
    chat: {
      options: {
        conversations: [ana, ben],
        history: { ana: makeThread("ana", 150), ben: makeThread("ben", 20) },
        pageSize: 150,
      },
      // Both threads are loaded, so both are searched.
      setup: async (chat) => {
        await chat.client.openConversation("ana");
        await chat.client.openConversation("ben");
      },
    },
  } satisfies StoryParameters,
} satisfies Meta<typeof SearchAndJump>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Type a word: hits from both conversations, newest first, the match marked; one opens the thread at it. */
export const SearchThenJump: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const field = canvas.getByRole("searchbox", { name: "Search messages" });
    await userEvent.type(field, "invoice");
    const list = canvas.getByRole("list", { name: "Search messages" });
    await until(() => within(list).queryAllByRole("button").length > 0, 5000);
    const hits = within(list).getAllByRole("button");
    await expect(hits.every((hit) => hit.querySelector("mark")?.textContent === "invoice")).toBe(
      true,
    );
    const oldest = hits.at(-1) as HTMLElement;
    await userEvent.click(oldest);
    const log = await canvas.findByRole("log", { name: "Messages" });
    await until(() => {
      const row = log.querySelector<HTMLElement>("[data-highlighted] article");
      if (!row) return false;
      const top = row.getBoundingClientRect().top - log.getBoundingClientRect().top;
      return top >= 0 && top < log.clientHeight;
    }, 5000);
  },
};

/** In Arabic, right to left: the field, the status and the hits follow the language. */
export const Arabic: Story = {
  args: { defaultQuery: "invoice" },
  parameters: { dir: "rtl", widgets: { translation: ar } } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole("search", { name: "البحث في الرسائل" });
    const list = canvas.getByRole("list", { name: "البحث في الرسائل" });
    await until(() => within(list).queryAllByRole("button").length > 0, 5000);
  },
};
