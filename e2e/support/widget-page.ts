import type { BrowserContext, Locator, Page, WebSocket } from "playwright-core";

/** A file as a person picks it in the browser's file chooser. */
export interface PickedFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** What one row of the message log shows (read from the DOM, as the user sees it). */
export interface ShownMessage {
  /** The text, or "This message was deleted". */
  text: string;
  /** The "edited" marker. */
  edited: boolean;
  /** The quoted original above a reply, if any. */
  quote?: string;
  /** `src` of every inline image. */
  images: string[];
}

/** A window of the react-chat example: `ChatWindow` from @parley/widgets. */
export class WidgetPage {
  private readonly sockets: WebSocket[] = [];

  private constructor(readonly page: Page) {
    page.on("websocket", (socket) => this.sockets.push(socket));
  }

  static async open(context: BrowserContext, url: string): Promise<WidgetPage> {
    const window = new WidgetPage(await context.newPage());
    await window.page.goto(url);
    return window;
  }

  /** The paths of the WebSockets this window has open now. */
  async openSockets(): Promise<string[]> {
    return this.sockets.filter((s) => !s.isClosed()).map((s) => new URL(s.url()).pathname);
  }

  /** The texts in the message log, in display order. */
  texts(): Promise<string[]> {
    return this.page.locator('[role="log"] [role="article"] .parley-message__text').allInnerTexts();
  }

  /** Every row of the message log as shown, in display order. */
  shown(): Promise<ShownMessage[]> {
    return this.articles().evaluateAll((rows) =>
      rows.map((row) => {
        const quote = row.querySelector(".parley-reply__text")?.textContent;
        return {
          text:
            row.querySelector(".parley-message__text, .parley-message__deleted")?.textContent ?? "",
          edited: row.querySelector(".parley-message__edited") !== null,
          ...(quote == null ? {} : { quote }),
          images: Array.from(row.querySelectorAll("img"), (img) => img.getAttribute("src") ?? ""),
        };
      }),
    );
  }

  /** The message (an `article` of the log) whose text is exactly `text`. */
  message(text: string): Locator {
    return this.articles().filter({
      has: this.page.locator(".parley-message__text", { hasText: exactly(text) }),
    });
  }

  /** What the ticks of our own message `text` say: `Sending`, `Sent`, `Delivered`, `Read`… */
  status(text: string): Promise<string | null> {
    return this.message(text).locator(".parley-status").getAttribute("aria-label");
  }

  /** Points at a message and clicks one of its actions (`Reply`, `Edit`, `Delete`). */
  async act(text: string, action: "Reply" | "Edit" | "Delete"): Promise<void> {
    const message = this.message(text);
    await message.hover();
    await message.getByRole("button", { name: action, exact: true }).click();
  }

  /** The actions a message offers when pointed at. */
  async actions(text: string): Promise<string[]> {
    const message = this.message(text);
    await message.hover();
    return message.locator(".parley-actions button").allInnerTexts();
  }

  /** The composer's text box. */
  get composer(): Locator {
    return this.page.getByRole("textbox", { name: "Message" });
  }

  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.composer.press("Enter");
  }

  /** What the composer is doing besides writing: "Replying to …", "Editing message", or "". */
  async composerMode(): Promise<string> {
    const title = this.page.locator(".parley-composer__mode-title");
    return (await title.count()) === 0 ? "" : textOf(title);
  }

  /** Replaces the text in the composer (e.g. an edit) and presses Enter. */
  async rewrite(text: string): Promise<void> {
    await this.composer.press("ControlOrMeta+a");
    await this.composer.pressSequentially(text);
    await this.composer.press("Enter");
  }

  /** Clicks the paperclip and picks `files` in the file chooser that opens. */
  async attach(...files: PickedFile[]): Promise<void> {
    const chooser = this.page.waitForEvent("filechooser");
    await this.page.getByRole("button", { name: "Attach a file" }).click();
    await (await chooser).setFiles(files);
  }

  /** The row of the conversation list titled `title`. */
  conversation(title: string): Locator {
    return this.page
      .getByRole("navigation", { name: "Conversations" })
      .getByRole("listitem")
      .filter({
        has: this.page.locator(".parley-conversation__title", { hasText: exactly(title) }),
      });
  }

  /** Opens the conversation titled `title` from the list, as a click would. */
  async openConversation(title: string): Promise<void> {
    await this.conversation(title).getByRole("button").click();
  }

  /** Opens a conversation through the example's own "Chat with" picker, above ChatWindow. */
  async pick(title: string): Promise<void> {
    await this.page.getByLabel("Chat with").selectOption({ label: title });
  }

  /** The people picker the list's "New conversation" button opens. */
  get picker(): Locator {
    return this.page.getByRole("dialog", { name: "New conversation" });
  }

  /** Clicks "New conversation" and types `search` into the picker; answers the names offered. */
  async findPeople(search: string): Promise<string[]> {
    await this.page.getByRole("button", { name: "New conversation" }).click();
    await this.picker.getByRole("combobox", { name: "Search people by name" }).fill(search);
    return this.picker.locator('[role="option"] .parley-people-picker__name').allInnerTexts();
  }

  /** What has focus, as a person would name it: its role (or tag) and its accessible label. */
  focused(): Promise<string> {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      if (!el) return "";
      const role = el.getAttribute("role") ?? el.tagName.toLowerCase();
      return `${role} ${el.getAttribute("aria-label") ?? el.textContent ?? ""}`.trim();
    });
  }

  /** The unread count the list shows for `title` (0 when it shows no badge). */
  async unread(title: string): Promise<number> {
    const badge = this.conversation(title).locator(".parley-unread [aria-hidden]");
    return (await badge.count()) === 0 ? 0 : Number(await textOf(badge));
  }

  /** The last-message preview the list shows for `title`. */
  preview(title: string): Promise<string> {
    return textOf(this.conversation(title).locator(".parley-conversation__preview"));
  }

  /** The presence dot's label beside `title` in the list (`Online`, `Offline`, a status…). */
  presenceInList(title: string): Promise<string | null> {
    return this.conversation(title).locator(".parley-presence__dot").getAttribute("aria-label");
  }

  /** The title of the open conversation. */
  title(): Promise<string> {
    return textOf(this.page.locator(".parley-thread__title"));
  }

  /** The other person's presence in the open conversation's header, as its text says it. */
  presence(): Promise<string> {
    return textOf(this.page.locator(".parley-thread__header .parley-presence__label"));
  }

  private articles(): Locator {
    return this.page.locator('[role="log"] [role="article"]');
  }
}

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);

const textOf = async (locator: Locator) => (await locator.textContent()) ?? "";
