import { join } from "node:path";
import { build, type InlineConfig, preview } from "vite";

export interface ServedApp {
  url: string;
  close(): Promise<void>;
}

/**
 * Builds an example app for production into `outDir` and serves it with `vite preview` on a
 * free port. The app's Vite config reads env PARLEY_DEMO_CONFIG, so set it first.
 */
export async function serveApp(appDir: string, outDir: string): Promise<ServedApp> {
  const shared: InlineConfig = {
    root: appDir,
    configFile: join(appDir, "vite.config.ts"),
    logLevel: "warn",
  };
  // As users get it: vitest sets NODE_ENV=test, which would build React's development bundle.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ ...shared, mode: "production", build: { outDir, emptyOutDir: true } });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const server = await preview({
    ...shared,
    build: { outDir },
    preview: { host: "127.0.0.1", port: 0, strictPort: true },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error(`vite preview of ${appDir} reported no URL`);
  return { url, close: () => server.close() };
}
