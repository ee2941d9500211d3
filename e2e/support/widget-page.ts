import type { BrowserContext, Page } from "playwright-core";

/** A window of the react-chat example: `ChatWindow` from @parley/widgets. */
export class WidgetPage {
  private constructor(readonly page: Page) {}

  static async open(context: BrowserContext, url: string): Promise<WidgetPage> {
    const page = await context.newPage();
    await page.goto(url);
    return new WidgetPage(page);
  }

  /** The texts in the message log, in display order. */
  texts(): Promise<string[]> {
    return this.page.locator('[role="log"] [role="article"] .parley-message__text').allInnerTexts();
  }

  async send(text: string): Promise<void> {
    const box = this.page.getByRole("textbox", { name: "Message" });
    await box.fill(text);
    await box.press("Enter");
  }
}
