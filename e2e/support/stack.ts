import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type ParleyServer, startServer } from "@parley/server";
import { testProfile } from "@parley/server/testing";
import type { Browser } from "playwright-core";
import { inject } from "vitest";
import { makeDemoConfig } from "../../examples/custom-ui/demo/make-demo-config.js";
import { ChatPage } from "./chat-page.js";
import { launchChromium } from "./chromium.js";
import type { Scenario } from "./scenarios.js";
import { rememberDatabase } from "./stored-history.js";

/** One dialect's reference server (SQLite file, so it can restart), and Alice's window. */
export interface Stack {
  server: ParleyServer;
  browser: Browser;
  alice: ChatPage;
  /** Opens Bob's window (Alice's opens first). */
  openBob(): Promise<ChatPage>;
}

export async function startStack({ dialect, conversation, bobSees }: Scenario): Promise<Stack> {
  const appUrl = inject("appUrl");
  const db = join(inject("workDir"), `${dialect}-${Date.now()}.db`);
  const server = await startServer({ dialects: [dialect], profile: testProfile(), db });
  rememberDatabase(server, db);
  await writeFile(inject("configFile"), JSON.stringify(await makeDemoConfig(server)));
  const browser = await launchChromium();
  const query = new URLSearchParams({ user: "alice", dialect, conversation: conversation.alice });
  const alice = await ChatPage.open(await browser.newContext(), `${appUrl}?${query}`);
  return { server, browser, alice, openBob: () => openBob(appUrl, browser, dialect, bobSees) };
}

/** Bob logs in through the pickers, as a person would. */
async function openBob(appUrl: string, browser: Browser, dialect: string, bobSees: string) {
  const bob = await ChatPage.open(await browser.newContext(), appUrl);
  await bob.page.getByLabel("User").selectOption("bob");
  await bob.page.getByLabel("Dialect").selectOption(dialect);
  await bob.page.getByRole("button", { name: bobSees }).click();
  return bob;
}
