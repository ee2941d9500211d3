import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { requireChromium } from "./chromium.js";
import { serveApp } from "./serve-app.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The custom-ui example, built once and served by `vite preview`. */
    appUrl: string;
    /** The react-chat example (the drop-in `ChatWindow`), built and served the same way. */
    widgetsUrl: string;
    /** The demo config the apps fetch; each test file writes its own server's. */
    configFile: string;
    /** A scratch directory for databases and builds. */
    workDir: string;
  }
}

/** Builds the two examples once and serves each on a free port for every test file. */
export default async function setup(project: TestProject) {
  requireChromium();
  const workDir = await mkdtemp(join(tmpdir(), "parley-e2e-"));
  const configFile = join(workDir, "demo-config.json");
  process.env.PARLEY_DEMO_CONFIG = configFile;
  const example = (name: string) =>
    fileURLToPath(new URL(`../../examples/${name}`, import.meta.url));
  const app = await serveApp(example("custom-ui"), join(workDir, "custom-ui"));
  const widgets = await serveApp(example("react-chat"), join(workDir, "react-chat"));
  project.provide("appUrl", app.url);
  project.provide("widgetsUrl", widgets.url);
  project.provide("configFile", configFile);
  project.provide("workDir", workDir);
  return async () => {
    await app.close();
    await widgets.close();
    await rm(workDir, { recursive: true, force: true });
  };
}
