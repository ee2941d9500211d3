import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { assertChromium } from "./chromium.js";
import { buildHarness } from "./harness-server.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** The bundled harness page script. */
    harness: string;
  }
}

/** Checks for Chromium (a missing browser fails the run) and bundles the harness page once. */
export default async function setup(project: TestProject) {
  assertChromium();
  const dir = await mkdtemp(join(tmpdir(), "parley-harness-"));
  project.provide("harness", await buildHarness(join(dir, "harness.js")));
  return () => rm(dir, { recursive: true, force: true });
}
