// Storybook for @parley/widgets. Its packages are dependencies of packages/widgets (the only
// package with stories), so they are resolved from there, not from this folder.
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const widgets = join(here, "../packages/widgets");
const require = createRequire(join(widgets, "package.json"));
const packageDir = (name: string) => dirname(require.resolve(`${name}/package.json`));

// msw's service worker must match the installed msw: copy it on every start (it is gitignored).
mkdirSync(join(here, "public"), { recursive: true });
copyFileSync(
  join(packageDir("msw"), "lib/mockServiceWorker.js"),
  join(here, "public/mockServiceWorker.js"),
);

const config = {
  stories: ["../packages/widgets/src/**/*.stories.tsx"],
  framework: { name: packageDir("@storybook/react-vite"), options: {} },
  addons: [packageDir("@storybook/addon-a11y"), packageDir("@storybook/addon-vitest")],
  staticDirs: ["./public"],
  core: { disableTelemetry: true },
  typescript: { reactDocgen: false as const },
  async viteFinal(viteConfig: { root?: string; resolve?: { conditions?: string[] } }) {
    // Resolve workspace packages to their sources (no build needed) and bare imports from widgets.
    viteConfig.root = widgets;
    viteConfig.resolve = {
      ...viteConfig.resolve,
      conditions: ["@parley/source", "module", "browser", "development|production"],
    };
    return viteConfig;
  },
};

export default config;
