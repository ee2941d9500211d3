import { ParleyError } from "@parley/core";
import { directConversation, groupConversation } from "@parley/test-kit";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, within } from "storybook/test";
import type { StoryParameters } from "../storybook/story-chat.js";
import { Avatar } from "./avatar.js";
import { ConnectionBanner } from "./connection-banner.js";
import { PresenceBadge } from "./presence-badge.js";
import { TypingIndicator } from "./typing-indicator.js";
import { UnreadBadge } from "./unread-badge.js";

/** The small widgets, each in the states that matter. */
const meta = {
  title: "Widgets/Small widgets",
  parameters: { height: "auto" } satisfies StoryParameters,
} satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

const team = groupConversation("team", "Team", [
  { id: "ana", name: "Ana Lima" },
  { id: "ben", name: "Ben Okafor" },
  { id: "cleo", name: "Cleo Park" },
  { id: "dan", name: "Dan Wu" },
]);
const forever = { typing: { expireMs: 600_000 } };
const typingIn = (...users: string[]) => ({
  chat: {
    options: { conversations: [team], client: forever },
    setup: (chat: { emit: (e: never) => void }) => {
      for (const userId of users)
        chat.emit({ type: "typing", conversationId: "team", userId, typing: true } as never);
    },
  },
});

export const TypingOne: Story = {
  render: () => <TypingIndicator conversationId="team" />,
  parameters: typingIn("ana"),
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText("Ana Lima is typing…")).toBeVisible();
  },
};
export const TypingTwo: Story = {
  render: () => <TypingIndicator conversationId="team" />,
  parameters: typingIn("ana", "ben"),
};
export const TypingSeveral: Story = {
  render: () => <TypingIndicator conversationId="team" />,
  parameters: typingIn("ana", "ben", "cleo", "dan"),
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByText("Several people are typing…"),
    ).toBeVisible();
  },
};

const banner = () => <ConnectionBanner />;
export const BannerConnecting: Story = {
  render: banner,
  parameters: {
    chat: {
      connect: false,
      setup: (chat) => {
        chat.holdConnections(true);
        chat.client.connect();
      },
    },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText("Connecting…")).toHaveAttribute(
      "data-state",
      "connecting",
    );
  },
};
export const BannerReconnecting: Story = {
  render: banner,
  parameters: {
    chat: {
      options: { client: { backoff: { min: 30_000, max: 30_000 } } },
      setup: (chat) => {
        chat.holdConnections(true);
        chat.emit({ type: "closed", error: new ParleyError("network", "dropped") });
      },
    },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    await expect(
      await within(canvasElement).findByText(/Reconnecting in \d+ s \(attempt 1\)/),
    ).toBeVisible();
  },
};
export const BannerOffline: Story = {
  render: banner,
  parameters: {
    chat: { setup: (chat) => chat.environment.setOnline(false) },
  } satisfies StoryParameters,
};
export const BannerUnauthorized: Story = {
  render: banner,
  parameters: {
    chat: {
      setup: (chat) =>
        chat.emit({ type: "closed", error: new ParleyError("unauthorized", "expired") }),
    },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    await expect(await within(canvasElement).findByText(/session has expired/)).toHaveAttribute(
      "data-state",
      "unauthorized",
    );
  },
};
export const BannerClosed: Story = {
  render: banner,
  parameters: { chat: { setup: (chat) => chat.client.disconnect() } } satisfies StoryParameters,
};
export const BannerDark: Story = {
  ...BannerOffline,
  parameters: { ...BannerOffline.parameters, theme: "dark" } satisfies StoryParameters,
};

const people = () => (
  <div style={{ display: "flex", gap: 16, alignItems: "center" }}>
    <Avatar name="Ana Lima" src="/fixtures/ana.svg" size="lg" decorative={false} />
    <Avatar name="Ben Okafor" size="lg" decorative={false} />
    <Avatar name="Mallory" src="javascript:alert(1)" size="lg" decorative={false} />
    <PresenceBadge userId="ana" showLabel />
    <PresenceBadge userId="ben" showLabel />
    <PresenceBadge userId="cleo" showLabel />
    <PresenceBadge userId="dan" showLabel />
  </div>
);
export const AvatarsAndPresence: Story = {
  render: people,
  parameters: {
    chat: {
      options: { capabilities: { presence: true, userStatus: true } },
      setup: (chat) => {
        chat.emit({ type: "presence", userId: "ana", presence: { online: true } });
        chat.emit({ type: "presence", userId: "ben", presence: { online: true, status: "busy" } });
        chat.emit({ type: "presence", userId: "dan", presence: { online: true, status: "away" } });
        chat.emit({
          type: "presence",
          userId: "cleo",
          presence: { online: false, lastSeenAt: "2025-03-01T10:00:00Z" },
        });
      },
    },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // In words, never the backend's raw status.
    await expect(await canvas.findByRole("img", { name: "Online" })).toBeVisible();
    await expect(canvas.getByRole("img", { name: "Busy" })).toBeVisible();
    await expect(canvas.getByRole("img", { name: "Away" })).toBeVisible();
    await expect(canvas.getByRole("img", { name: /^Last seen / })).toBeVisible();
    // An unsafe picture URL never reaches the DOM: initials instead.
    await expect(canvas.getByRole("img", { name: "Mallory" })).toHaveAttribute(
      "data-state",
      "initials",
    );
    await expect(canvasElement.querySelector('img[src^="javascript"]')).toBeNull();
  },
};
export const AvatarsDark: Story = {
  ...AvatarsAndPresence,
  parameters: { ...AvatarsAndPresence.parameters, theme: "dark" } satisfies StoryParameters,
};

const ana = directConversation("ana", { id: "ana", name: "Ana" });
export const UnreadBadges: Story = {
  render: () => (
    <div style={{ display: "flex", gap: 16 }}>
      <UnreadBadge conversationId="few" />
      <UnreadBadge conversationId="many" />
      <UnreadBadge conversationId="none" />
      <UnreadBadge />
    </div>
  ),
  parameters: {
    chat: {
      options: {
        conversations: [
          { ...ana, id: "few", unreadCount: 3 },
          { ...ana, id: "many", unreadCount: 1234 },
          { ...ana, id: "none", unreadCount: 0 },
        ],
      },
    },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText("3 unread messages")).toBeInTheDocument();
    await expect(canvas.getAllByText("99+")).toHaveLength(2); // one conversation, and the total
    await expect(canvas.getByText("1,237 unread messages")).toBeInTheDocument();
  },
};
