import { defineConfig } from "vitest/config";

// One vitest project per package; each package's own vitest.config.ts says how its tests run.
export default defineConfig({
  test: {
    projects: [
      "packages/*/vitest.config.ts",
      // Core's real-server suites against the server's field profile too.
      "packages/core/vitest.field.config.ts",
      // The IndexedDB cache in Debian's Chromium, driven by Playwright.
      "packages/core/vitest.browser.config.ts",
      // @parley/react's suite again under React 18 (the package itself tests on React 19).
      "packages/react/react18/vitest.config.ts",
      "examples/*/vitest.config.ts",
      // The custom-ui example in Chromium against the reference server, every dialect.
      "e2e/vitest.config.ts",
      // ... and again against the server's field profile.
      "e2e/vitest.field.config.ts",
      // The widgets' stories, as browser tests in Chromium with axe checks.
      "packages/widgets/vitest.storybook.config.ts",
    ],
  },
});
