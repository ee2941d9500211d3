import type { FakeChatOptions } from "@parley/test-kit";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { sampleConversations, sampleHistory } from "../storybook/data.js";
import type { StoryParameters } from "../storybook/story-chat.js";
import { ChatWindow } from "./chat-window.js";
import { ar } from "./locales/ar.js";

const meta = {
  title: "Widgets/NewConversation",
  component: ChatWindow,
  parameters: { height: 560 } satisfies StoryParameters,
} satisfies Meta<typeof ChatWindow>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A backend that starts a chat by writing to a person, and people the app knows by name. */
const options: FakeChatOptions = {
  conversations: sampleConversations(),
  history: sampleHistory(),
  capabilities: { createConversation: true, presence: true },
  client: {
    users: [
      { id: "me", name: "Sam Reyes" },
      { id: "ana", name: "Ana Lima", avatarUrl: "/fixtures/ana.svg" },
      { id: "zoe", name: "Zoë Martin" },
      { id: "yusuf", name: "Yusuf Demir" },
      { id: "hana", name: "Hana Sato" },
    ],
  },
};

/**
 * The list's "New conversation" button opens a dialog: a search box over the people the
 * directory knows by name (accents and case ignored), arrow keys and Enter to choose.
 */
export const Picker: Story = {
  parameters: { chat: { options } } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "New conversation" }));
    const dialog = canvas.getByRole("dialog", { name: "New conversation" });
    const search = within(dialog).getByRole("combobox", { name: "Search people by name" });
    await expect(search).toHaveFocus();
    await userEvent.keyboard("zo");
    await waitFor(() => expect(within(dialog).getAllByRole("option")).toHaveLength(1));
    await expect(within(dialog).getByRole("option")).toHaveAccessibleName("Zoë Martin");
    await userEvent.clear(search);
  },
};

/** Choosing someone opens a new, empty conversation titled with their name. */
export const StartsAChat: Story = {
  parameters: { chat: { options } } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: "New conversation" }));
    await userEvent.keyboard("hana{Enter}");
    await expect(await canvas.findByRole("heading", { name: "Hana Sato" })).toBeVisible();
    await expect(canvas.queryByRole("dialog")).toBeNull();
  },
};

export const Dark: Story = {
  parameters: { theme: "dark", chat: { options } } satisfies StoryParameters,
  play: Picker.play,
};

/** Right to left, in Arabic. */
export const Arabic: Story = {
  parameters: {
    dir: "rtl",
    widgets: { translation: ar },
    chat: { options },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole("button", { name: ar.strings.newConversation }));
    const dialog = canvas.getByRole("dialog", { name: ar.strings.newConversation });
    await expect(
      within(dialog).getByRole("combobox", { name: ar.strings.searchPeople }),
    ).toHaveFocus();
    await expect(getComputedStyle(dialog).direction).toBe("rtl");
  },
};
