import type { Message } from "@parley/core";
import { directConversation, groupConversation, incoming, makeThread } from "@parley/test-kit";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { imageMessage } from "../../storybook/data.js";
import { restHandlers } from "../../storybook/msw-handlers.js";
import { chatOf, type StoryParameters, until } from "../../storybook/story-chat.js";
import { MessageList } from "./message-list.js";

const ana = directConversation("ana", { id: "ana", name: "Ana Lima", avatar: "/fixtures/ana.svg" });

const meta = {
  title: "Widgets/MessageList",
  component: MessageList,
  args: { conversationId: "ana" },
  // Each story says its own data: Storybook merges parameters deeply, so a shared default would
  // leak into stories that want less.
  parameters: { height: 480 } satisfies StoryParameters,
} satisfies Meta<typeof MessageList>;
export default meta;
type Story = StoryObj<typeof meta>;

const scroller = (root: HTMLElement) => within(root).getByRole("log", { name: "Messages" });
const atBottom = (el: HTMLElement) => el.scrollHeight - el.scrollTop - el.clientHeight <= 2;
/** Where the message whose text contains `marker` sits, relative to the log's top. */
const topOf = (root: HTMLElement, marker: string) => {
  const log = scroller(root);
  const row = [...log.querySelectorAll<HTMLElement>("article")].find((a) =>
    a.textContent?.includes(marker),
  );
  return row ? row.getBoundingClientRect().top - log.getBoundingClientRect().top : null;
};

export const Default: Story = {
  parameters: {
    chat: { options: { conversations: [ana], history: { ana: makeThread("ana", 30) } } },
  } satisfies StoryParameters,
};

export const Empty: Story = {
  parameters: {
    chat: { options: { conversations: [ana], history: {} } },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByText("No messages yet. Say hello!"),
    ).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: {
    chat: { options: { conversations: [ana], historyDelayMs: Number.POSITIVE_INFINITY } },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText("Loading messages…")).toBeVisible();
    await expect(scroller(canvasElement)).toHaveAttribute("aria-busy", "true");
  },
};

/** 10,000 messages: only the rows near the view are in the DOM. */
export const LongThread: Story = {
  parameters: {
    chat: {
      options: {
        conversations: [ana],
        history: { ana: makeThread("ana", 10_000) },
        pageSize: 10_000,
      },
    },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    const log = scroller(canvasElement);
    await until(() => log.querySelectorAll("article").length > 0 && atBottom(log));
    await expect(within(log).getByText(/\(#10000\)/)).toBeVisible();
    await expect(log.querySelectorAll("article").length).toBeLessThan(60);
    log.scrollTop = log.scrollHeight / 2;
    await until(() => !within(log).queryByText(/\(#10000\)/));
    await expect(log.querySelectorAll("article").length).toBeLessThan(60);
  },
};

/** Scrolled to the top while the older page is still on its way. */
export const OlderMessagesLoading: Story = {
  parameters: {
    chat: {
      options: {
        conversations: [ana],
        history: { ana: makeThread("ana", 200) },
        pageSize: 30,
        historyDelayMs: (cursor) => (cursor === null ? 0 : Number.POSITIVE_INFINITY),
      },
    },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    const log = scroller(canvasElement);
    await until(() => log.querySelectorAll("article").length > 0 && atBottom(log));
    log.scrollTop = 0;
    await expect(await within(canvasElement).findByText("Loading older messages…")).toBeVisible();
    await expect(log).toHaveAttribute("aria-busy", "true");
  },
};

// A thread whose older page carries two images just above where the view will be, and whose
// newest page has one near the bottom: all three arrive 1.2 s late (msw delays them).
function anchoringThread(): Message[] {
  const thread = makeThread("ana", 200);
  thread[167] = {
    ...imageMessage("ana", "late-a", "/late/a.svg"),
    createdAt: (thread[167] as Message).createdAt,
  };
  thread[168] = {
    ...imageMessage("ana", "late-b", "/late/b.svg"),
    createdAt: (thread[168] as Message).createdAt,
  };
  thread[197] = {
    ...imageMessage("ana", "late-c", "/late/c.svg"),
    createdAt: (thread[197] as Message).createdAt,
  };
  return thread;
}

/**
 * Scroll anchoring: the view stays at the bottom while an image there loads late; after scrolling
 * to the top, older messages are prepended and images above load late, and the message that was
 * at the top stays exactly where it was.
 */
export const ScrollAnchoring: Story = {
  parameters: {
    msw: { handlers: restHandlers({ imageDelayMs: 1200 }) },
    chat: {
      options: {
        conversations: [ana],
        history: { ana: anchoringThread() },
        pageSize: 30,
        historyDelayMs: (cursor) => (cursor === null ? 0 : 300),
      },
    },
  } satisfies StoryParameters,
  play: async ({ canvasElement, loaded }) => {
    const log = scroller(canvasElement);
    const chat = chatOf({ loaded });
    await until(() => log.querySelectorAll("article").length > 0 && atBottom(log));
    // The late image near the bottom arrives: the view stays pinned.
    await until(
      () => [...log.querySelectorAll("img")].some((i) => i.complete && i.naturalHeight > 0),
      5000,
    );
    await new Promise((r) => setTimeout(r, 100));
    await expect(atBottom(log)).toBe(true);

    // Scroll to the top: #171 (the oldest loaded) is in view; older messages load above it.
    log.scrollTop = 0;
    await until(() => topOf(canvasElement, "(#171)") !== null);
    const before = topOf(canvasElement, "(#171)") as number;
    await until(() => (chat.client.getState().threads.ana?.messages.length ?? 0) === 60, 5000);
    await until(() => log.querySelectorAll("img").length >= 2);
    // ...and the images above it load late, growing their rows.
    await until(
      () =>
        [...log.querySelectorAll("img")].filter((i) => i.complete && i.naturalHeight > 0).length >=
        2,
      5000,
    );
    await new Promise((r) => setTimeout(r, 200));
    const after = topOf(canvasElement, "(#171)");
    await expect(after).not.toBeNull();
    // Within a rounding of measured heights; without anchoring it would jump by a whole page.
    await expect(Math.abs((after as number) - before)).toBeLessThanOrEqual(4);
    await expect(log.scrollTop).toBeGreaterThan(0);
  },
};

/** Scrolled up while messages arrive: the view stays, a button counts them and jumps back. */
export const NewMessagesWhileScrolledUp: Story = {
  parameters: {
    chat: { options: { conversations: [ana], history: { ana: makeThread("ana", 60) } } },
  } satisfies StoryParameters,
  play: async ({ canvasElement, loaded }) => {
    const log = scroller(canvasElement);
    const chat = chatOf({ loaded });
    await until(() => log.querySelectorAll("article").length > 0 && atBottom(log));
    chat.emit({ type: "message", message: incoming("ana", "Pinned: you see this at once") });
    await until(
      () => within(log).queryByText("Pinned: you see this at once") !== null && atBottom(log),
    );

    // Halfway up: away from the bottom, but not near the top where older messages load.
    log.scrollTop = log.scrollHeight / 2;
    // The list has seen the scroll (the jump button is there) before anything arrives.
    await within(canvasElement).findByRole("button", { name: "Jump to latest messages" });
    // Rows measured for the first time after the jump are compensated once scrolling ends.
    await new Promise((r) => setTimeout(r, 400));
    // The message at the top of the view, and where it is.
    const logTop = log.getBoundingClientRect().top;
    const first = [...log.querySelectorAll("article")].find(
      (a) => a.getBoundingClientRect().top >= logTop,
    );
    const marker = first?.textContent ?? "";
    const before = topOf(canvasElement, marker);
    for (const text of ["one", "two", "three"])
      chat.emit({ type: "message", message: incoming("ana", text) });
    const jump = await within(canvasElement).findByRole("button", {
      name: "3 new messages, jump to latest",
    });
    // The view did not move: that message is where it was.
    await expect(
      Math.abs((topOf(canvasElement, marker) ?? Number.NaN) - (before ?? 0)),
    ).toBeLessThanOrEqual(4);
    await userEvent.click(jump);
    await until(() => atBottom(log));
    await expect(log).toHaveFocus();
    await waitFor(() =>
      expect(within(canvasElement).queryByRole("button", { name: /jump to latest/ })).toBeNull(),
    );
  },
};

const team = groupConversation("team", "Team", [
  { id: "ana", name: "Ana Lima", avatar: "/fixtures/ana.svg" },
  { id: "ben", name: "Ben Okafor", avatar: "/fixtures/ben.svg" },
]);

function everyKindOfMessage(): Message[] {
  const t = makeThread("team", 9, { senders: ["ana", "ben", "me"], stepMs: 60_000 });
  const at = (i: number) => (t[i] as Message).createdAt;
  return [
    { ...(t[0] as Message), senderId: "ana", text: "Morning! Plan: https://example.com/plan" },
    { ...(t[1] as Message), senderId: "ana", text: "Typo fixed in the plan", editedAt: at(1) },
    { ...(t[2] as Message), senderId: "ben", text: "", deleted: true },
    {
      ...(t[3] as Message),
      senderId: "me",
      text: "Looks good to me",
      replyTo: (t[0] as Message).id,
      status: "read",
    },
    { ...(t[4] as Message), senderId: "me", text: "Delivered, not read yet", status: "delivered" },
    { ...(t[5] as Message), senderId: "me", text: "Sent only", status: "sent" },
    {
      ...imageMessage("team", "img-1", "/fixtures/beach.svg", "ben"),
      createdAt: at(6),
      text: "From the offsite",
    },
    {
      ...(t[7] as Message),
      senderId: "ana",
      text: "",
      attachments: [
        { url: "/fixtures/report.pdf", name: "report.pdf", type: "application/pdf", size: 482_000 },
      ],
    },
  ];
}

/** Groups, ticks, edited and deleted markers, a reply, images and files, and a failed send. */
export const EveryKindOfMessage: Story = {
  args: { conversationId: "team", onReply: () => {}, onEdit: () => {} },
  parameters: {
    chat: {
      options: {
        conversations: [team],
        history: { team: everyKindOfMessage() },
        capabilities: { replies: true, edit: true, delete: true, groups: true },
        sendOutcome: () => "fail",
      },
      setup: async (chat) => {
        await chat.client.openConversation("team");
        chat.client.send("team", "This one could not be sent");
      },
    },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText("This message was deleted")).toBeVisible();
    await expect(canvas.getByText("edited")).toBeVisible();
    await expect(canvas.getByRole("img", { name: "Delivered" })).toBeInTheDocument();
    await expect(canvas.getByRole("link", { name: "https://example.com/plan" })).toHaveAttribute(
      "rel",
      "noopener noreferrer",
    );
    await expect(await canvas.findByRole("group", { name: "Not sent." })).toBeVisible();
  },
};

export const Dark: Story = {
  ...EveryKindOfMessage,
  parameters: { ...EveryKindOfMessage.parameters, theme: "dark" } satisfies StoryParameters,
};

export const RightToLeft: Story = {
  ...EveryKindOfMessage,
  parameters: {
    ...EveryKindOfMessage.parameters,
    dir: "rtl",
    widgets: { dir: "rtl", locale: "he-IL" },
  } satisfies StoryParameters,
};

/**
 * Message actions are icon buttons named by their word (visually hidden text, also what
 * `innerText` reads), reachable with Tab: focusing one shows the row's actions.
 */
export const ActionButtons: Story = {
  args: { conversationId: "team", onReply: () => {}, onEdit: () => {} },
  parameters: {
    chat: {
      options: {
        conversations: [team],
        history: { team: everyKindOfMessage() },
        capabilities: { replies: true, edit: true, delete: true, groups: true },
      },
    },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const own = (await canvas.findByText("Sent only")).closest("article") as HTMLElement;
    const buttons = within(own).getAllByRole("button");
    await expect(buttons.map((b) => b.getAttribute("title"))).toEqual(["Reply", "Edit", "Delete"]);
    // innerText on purpose: it is what a test reading the rendered buttons sees.
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point here
    await expect(buttons.map((b) => b.innerText)).toEqual(["Reply", "Edit", "Delete"]);
    await expect(buttons.every((b) => b.querySelector("svg") !== null)).toBe(true);
    const edit = within(own).getByRole("button", { name: "Edit" });
    edit.focus();
    await expect(edit).toHaveFocus();
    const actions = own.querySelector(".parley-actions") as HTMLElement;
    await waitFor(() => expect(getComputedStyle(actions).opacity).toBe("1"));
  },
};
