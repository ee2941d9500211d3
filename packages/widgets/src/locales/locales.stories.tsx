import type { FakeChatOptions } from "@parley/test-kit";
import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, waitFor, within } from "storybook/test";
import { sampleConversations, sampleHistory } from "../../storybook/data.js";
import type { StoryParameters } from "../../storybook/story-chat.js";
import { ChatWindow } from "../chat-window.js";
import { formattersFor } from "../format.js";
import type { WidgetTranslation } from "../translation.js";
import { ar } from "./ar.js";
import { de } from "./de.js";
import { en } from "./en.js";
import { es } from "./es.js";
import { fr } from "./fr.js";
import { ja } from "./ja.js";
import { pt } from "./pt.js";
import { zh } from "./zh.js";

const meta = {
  title: "Widgets/Locales",
  component: ChatWindow,
  args: { defaultConversationId: "ana" },
} satisfies Meta<typeof ChatWindow>;
export default meta;
type Story = StoryObj<typeof meta>;

const options: FakeChatOptions = {
  conversations: sampleConversations(),
  history: sampleHistory(),
  capabilities: { replies: true, edit: true, delete: true, groups: true, presence: true },
};

/**
 * The whole window in one language: every visible word from the translation, dates and counts
 * from `Intl` in its locale, its direction on the window's root. axe checks each.
 */
function inLanguage(translation: WidgetTranslation): Story {
  const { strings, locale, dir } = translation;
  return {
    parameters: {
      dir,
      widgets: { translation },
      chat: {
        options,
        // Ana is there with a backend's raw status, which must read as the language's "online".
        setup: (chat) =>
          chat.emit({
            type: "presence",
            userId: "ana",
            presence: { online: true, status: "available" },
          }),
      },
    } satisfies StoryParameters,
    play: async ({ canvasElement }) => {
      const canvas = within(canvasElement);
      const root = canvasElement.querySelector(".parley-chat") as HTMLElement;
      await expect(root).toHaveAttribute("dir", dir);
      await expect(root).toHaveAttribute("lang", locale);
      await expect(getComputedStyle(root).direction).toBe(dir);
      const nav = await canvas.findByRole("navigation", { name: strings.conversations });
      await expect(nav).toBeVisible();
      await expect(canvas.getByRole("textbox", { name: strings.composerLabel })).toBeVisible();
      await expect(canvas.getByRole("button", { name: strings.send })).toBeInTheDocument();
      await expect(canvas.getByRole("log", { name: strings.messages })).toBeVisible();
      // Presence in words, in the header.
      await waitFor(() =>
        expect(
          canvasElement.querySelector(".parley-thread__header .parley-presence__label"),
        ).toHaveTextContent(strings.online),
      );
      // Counts through the language's plural rules and digits.
      const three = strings.unread(3, formattersFor(locale).number(3));
      await expect(within(nav).getAllByText(three, { exact: false }).length).toBeGreaterThan(0);
      // Times through Intl in the locale: a list row's time, a message's time.
      const format = formattersFor(locale);
      const times = [...canvasElement.querySelectorAll("time")];
      await expect(times.length).toBeGreaterThan(0);
      for (const time of times.slice(0, 6)) {
        const iso = time.getAttribute("datetime") as string;
        await expect([format.short(iso), format.time(iso)]).toContain(time.textContent);
      }
    },
  };
}

export const English: Story = inLanguage(en);
export const Spanish: Story = inLanguage(es);
export const French: Story = inLanguage(fr);
export const German: Story = inLanguage(de);
export const Portuguese: Story = inLanguage(pt);
/** Right to left: the window's root carries `dir="rtl"`, the layout mirrors. */
export const Arabic: Story = inLanguage(ar);
export const Chinese: Story = inLanguage(zh);
export const Japanese: Story = inLanguage(ja);
