import type { Message } from "@parley/core";
import { directConversation, makeThread } from "@parley/test-kit";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { chatOf, type StoryParameters } from "../../storybook/story-chat.js";
import { Composer } from "./composer.js";

const ana = directConversation("ana", { id: "ana", name: "Ana Lima" });
const original: Message = { ...(makeThread("ana", 1)[0] as Message), senderId: "ana" };
const mine: Message = { ...original, senderId: "me", text: "See you at 10:00 tomorow" };
const everything = { replies: true, edit: true, attachments: "upload" as const };

const meta = {
  title: "Widgets/Composer",
  component: Composer,
  args: { conversationId: "ana" },
  parameters: { height: "auto" } satisfies StoryParameters,
} satisfies Meta<typeof Composer>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Enter sends and clears, Shift+Enter adds a line, typing goes out debounced, focus stays. */
export const Default: Story = {
  parameters: {
    chat: { options: { conversations: [ana], capabilities: everything } },
  } satisfies StoryParameters,
  play: async ({ canvasElement, loaded }) => {
    const chat = chatOf({ loaded });
    const input = within(canvasElement).getByRole("textbox", { name: "Message" });
    await userEvent.type(input, "Two lines:{Shift>}{Enter}{/Shift}second");
    await expect(input).toHaveValue("Two lines:\nsecond");
    await expect(chat.typing[0]).toEqual({ conversationId: "ana", typing: true });
    await userEvent.keyboard("{Enter}");
    await expect(input).toHaveValue("");
    await expect(input).toHaveFocus();
    await waitFor(() => expect(chat.sent.at(-1)?.text).toBe("Two lines:\nsecond"));
  },
};

/** A backend without uploads, replies or edits: only the text field and Send. */
export const MinimalBackend: Story = {
  parameters: {
    chat: { options: { conversations: [ana], capabilities: { typing: false } } },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.queryByRole("button", { name: "Attach a file" })).toBeNull();
    await expect(canvas.getAllByRole("button")).toHaveLength(1);
  },
};

/** Files upload with progress before they can be sent. */
export const Attachments: Story = {
  parameters: {
    chat: { options: { conversations: [ana], capabilities: everything, uploadMs: 1200 } },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const picker = canvasElement.querySelector("input[type=file]") as HTMLInputElement;
    await userEvent.upload(picker, [
      new File(["<svg/>"], "beach.svg", { type: "image/svg+xml" }),
      new File(["%PDF-1.7"], "itinerary.pdf", { type: "application/pdf" }),
    ]);
    await expect(
      await canvas.findByRole("progressbar", { name: /Uploading beach\.svg/ }),
    ).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Send" })).toBeDisabled();
    await waitFor(() => expect(canvas.queryAllByRole("progressbar")).toHaveLength(0), {
      timeout: 4000,
    });
    await expect(canvas.getByRole("button", { name: "Send" })).toBeEnabled();
  },
};

export const Replying: Story = {
  args: { defaultMode: { kind: "reply", message: original } },
  parameters: {
    chat: { options: { conversations: [ana], capabilities: everything } },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText("Replying to Ana Lima")).toBeVisible();
    await userEvent.click(canvas.getByRole("button", { name: "Cancel reply" }));
    await expect(canvas.queryByText("Replying to Ana Lima")).toBeNull();
    await expect(canvas.getByRole("textbox", { name: "Message" })).toHaveFocus();
  },
};

export const Editing: Story = {
  args: { defaultMode: { kind: "edit", message: mine } },
  parameters: {
    chat: { options: { conversations: [ana], capabilities: everything } },
  } satisfies StoryParameters,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("textbox", { name: "Message" })).toHaveValue(mine.text);
    await expect(canvas.getByRole("button", { name: "Save" })).toBeVisible();
  },
};

export const Dark: Story = {
  ...Replying,
  play: undefined,
  parameters: { ...Replying.parameters, theme: "dark" } satisfies StoryParameters,
};

export const RightToLeft: Story = {
  args: { defaultMode: { kind: "reply", message: original } },
  parameters: {
    dir: "rtl",
    chat: { options: { conversations: [ana], capabilities: everything } },
    widgets: {
      dir: "rtl",
      strings: {
        composerLabel: "رسالة",
        composerPlaceholder: "اكتب رسالة…",
        send: "إرسال",
        attach: "إرفاق ملف",
        cancelReply: "إلغاء الرد",
        replyingTo: (name) => `الرد على ${name}`,
      },
    },
  } satisfies StoryParameters,
};
