import type { BrowserContext, Page } from "playwright-core";

export interface Capabilities {
  typing: boolean;
  readReceipts: string;
}

/** One browser window of the custom-ui example, logged in as one demo user. */
export class ChatPage {
  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  static async open(context: BrowserContext, url: string): Promise<ChatPage> {
    const page = await context.newPage();
    await page.goto(url);
    return new ChatPage(context, page);
  }

  /** The connection state the banner shows (`connected`, `reconnecting`, `offline`, …). */
  connection(): Promise<string | null> {
    return this.page.locator(".banner").getAttribute("data-connection");
  }

  /** The texts of the open thread, in display order. */
  texts(): Promise<string[]> {
    return this.page
      .locator('[data-testid="message"] .text')
      .evaluateAll((nodes) => nodes.map((n) => n.textContent ?? ""));
  }

  /** The status (`pending`, `sent`, `read`, …) of every message with this text. */
  statuses(text: string): Promise<string[]> {
    return this.page
      .locator('[data-testid="message"]')
      .evaluateAll(
        (nodes, wanted) =>
          nodes
            .filter((n) => n.querySelector(".text")?.textContent === wanted)
            .map((n) => (n as HTMLElement).dataset.status ?? ""),
        text,
      );
  }

  async typingLine(): Promise<string> {
    return (await this.page.getByTestId("typing").textContent()) ?? "";
  }

  async capabilities(): Promise<Capabilities> {
    const bar = this.page.locator(".capabilities");
    return {
      typing: (await bar.getAttribute("data-typing")) === "true",
      readReceipts: (await bar.getAttribute("data-read-receipts")) ?? "false",
    };
  }

  /**
   * Entries in the app's stored outbox (IndexedDB `name`, store `outbox`): a test waits for a
   * send to be durable before it reloads, as the cache promises nothing for the instant before.
   */
  /** Rows in one store of the cache database `name` (-1 when there is no such store yet). */
  stored(name: string, store: "outbox" | "messages"): Promise<number> {
    return this.page.evaluate(
      ([db, storeName]) =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open(db);
          open.onerror = () => resolve(-1);
          open.onsuccess = () => {
            const conn = open.result;
            if (!conn.objectStoreNames.contains(storeName)) {
              conn.close();
              return resolve(-1);
            }
            const count = conn.transaction(storeName).objectStore(storeName).count();
            count.onsuccess = () => {
              conn.close();
              resolve(count.result);
            };
            count.onerror = () => resolve(-1);
          };
        }),
      [name, store] as const,
    );
  }

  /** The composer's text box. */
  get composer() {
    return this.page.getByRole("textbox", { name: "Message" });
  }

  async send(text: string): Promise<void> {
    await this.composer.fill(text);
    await this.composer.press("Enter");
  }

  /** Types without sending, one key at a time, as a person would. */
  async type(text: string): Promise<void> {
    await this.composer.pressSequentially(text);
  }
}
