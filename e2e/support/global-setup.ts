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
    /** The demo config the apps fetch; each test file writes its own server's. */
    configFile: string;
    /** A scratch directory for databases and builds. */
    workDir: string;
  }
}

/** Builds the custom-ui example once and serves it on a free port for every test file. */
export default async function setup(project: TestProject) {
  requireChromium();
  const workDir = await mkdtemp(join(tmpdir(), "parley-e2e-"));
  const configFile = join(workDir, "demo-config.json");
  process.env.PARLEY_DEMO_CONFIG = configFile;
  const appDir = fileURLToPath(new URL("../../examples/custom-ui", import.meta.url));
  const app = await serveApp(appDir, join(workDir, "custom-ui"));
  project.provide("appUrl", app.url);
  project.provide("configFile", configFile);
  project.provide("workDir", workDir);
  return async () => {
    await app.close();
    await rm(workDir, { recursive: true, force: true });
  };
}
