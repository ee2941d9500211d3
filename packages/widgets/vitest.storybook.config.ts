import { fileURLToPath } from "node:url";
import { storybookTest } from "@storybook/addon-vitest/vitest-plugin";
import { playwright } from "@vitest/browser-playwright";
import { defineProject } from "vitest/config";

const configDir = fileURLToPath(new URL("../../.storybook", import.meta.url));

// Every story runs as a test in Debian's Chromium (no browser is downloaded), with axe checks
// (`a11y.test: "error"` in the preview) and its play function.
export default defineProject({
  plugins: [storybookTest({ configDir, storybookScript: "pnpm storybook --ci" })],
  resolve: { conditions: ["@parley/source", "module", "browser", "development|production"] },
  test: {
    name: "storybook",
    testTimeout: 30_000,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({
        launchOptions: {
          executablePath: "/usr/bin/chromium",
          args: [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
          ],
        },
      }),
      instances: [{ browser: "chromium" }],
    },
  },
});
