// Debian's Chromium, driven by Playwright: no browser is downloaded.
import { existsSync } from "node:fs";
import { type BrowserContext, chromium, type LaunchOptions } from "playwright-core";

export const CHROMIUM = process.env.PARLEY_CHROMIUM ?? "/usr/bin/chromium";

const launchOptions: LaunchOptions = {
  executablePath: CHROMIUM,
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
  ],
};

/** Fails loudly: browser tests never skip because the browser is missing. */
export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is required for the browser tests and was not found at ${CHROMIUM} ` +
        "(apt-get install chromium, or set PARLEY_CHROMIUM)",
    );
  }
}

export function launch() {
  assertChromium();
  return chromium.launch(launchOptions);
}

/** A browser whose profile (and so IndexedDB) lives in `dir`: closing and relaunching keeps it. */
export function launchPersistent(dir: string): Promise<BrowserContext> {
  assertChromium();
  return chromium.launchPersistentContext(dir, launchOptions);
}
