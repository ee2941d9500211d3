#!/usr/bin/env node
// `npm run demo` ends here (after install and build): the reference server with every dialect
// on ports 8000-8004, its history in .parley/demo.db, and the example app on a Vite dev server
// that hands the app a demo config (URLs, users, tokens). Ctrl+C stops both.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const state = `${root}.parley`;
const configFile = `${state}/demo-config.json`;
// The drop-in widgets app when it is there, else the hooks-only one; both read the same config.
const kitDir = `${root}examples/custom-ui`;
const appDir = existsSync(`${root}examples/react-chat/package.json`)
  ? `${root}examples/react-chat`
  : kitDir;
const PORT = Number(process.env.PARLEY_PORT ?? 8000);
const APP_PORT = Number(process.env.PARLEY_APP_PORT ?? 5173);
// PARLEY_PROFILE=field: every dialect as the deployed backend behind its seed behaves.
const PROFILE = process.env.PARLEY_PROFILE ?? "seed";

const { startServer } = await import(
  pathToFileURL(`${root}packages/server/dist/index.js`).href
).catch(() => {
  console.error("packages/server/dist is missing: run `pnpm run build` first.");
  process.exit(1);
});
const { makeDemoConfig, demoLink } = await import(
  pathToFileURL(`${kitDir}/demo/make-demo-config.js`).href
);
// Vite is the example app's dependency, so it is resolved from there.
const vitePath = createRequire(`${appDir}/package.json`).resolve("vite");
const { createServer } = await import(pathToFileURL(vitePath).href);

mkdirSync(state, { recursive: true });
let server;
try {
  const db = PROFILE === "seed" ? `${state}/demo.db` : `${state}/demo-${PROFILE}.db`;
  server = await startServer({ port: PORT, db, profile: PROFILE });
} catch (error) {
  console.error(`Cannot start the reference server on ports ${PORT}-${PORT + 4}: ${error.message}`);
  console.error("Is another demo running? Stop it, or pick other ports with PARLEY_PORT=9000.");
  process.exit(1);
}
const config = await makeDemoConfig(server, { expiresIn: "7d" });
writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);

process.env.PARLEY_DEMO_CONFIG = configFile;
const vite = await createServer({
  root: appDir,
  configFile: `${appDir}/vite.config.ts`,
  logLevel: "warn",
  server: { host: "127.0.0.1", port: APP_PORT },
});
await vite.listen();
const app = (vite.resolvedUrls?.local[0] ?? `http://127.0.0.1:${APP_PORT}/`).replace(/\/?$/, "/");

const [alice, bob] = ["alice", "bob"].map((name) => config.users.find((u) => u.username === name));
const line = (label, value) => `  ${label.padEnd(18)} ${value}`;
console.log(`
Parley demo

${line("app", app)}
${Object.entries(server.urls)
  .map(([dialect, url]) => line(dialect, url))
  .join("\n")}
${line("history kept in", ".parley/demo.db")}

Chat between two windows (or two browsers): open one link as ${alice.name} and the other as
${bob.name}, on the same dialect; each opens their chat with the other.
${Object.keys(server.urls)
  .map(
    (dialect) => `  ${dialect}
    ${alice.name.padEnd(14)} ${demoLink(app, config, dialect, alice.username, bob.username)}
    ${bob.name.padEnd(14)} ${demoLink(app, config, dialect, bob.username, alice.username)}`,
  )
  .join("\n")}
Other demo users: ${config.users
  .filter((u) => u !== alice && u !== bob)
  .map((u) => u.username)
  .join(", ")} (?user=<name>; "New conversation" in the list starts a chat where the dialect can).

Tokens for your own clients (valid 7 days; all in .parley/demo-config.json):
${config.users.map((u) => `  ${u.username.padEnd(6)} ${u.id}\n         ${u.token}`).join("\n")}

The same chat on a UI of its own, built on the hooks only (while this runs):
  pnpm --filter @parley/example-custom-ui dev

Ctrl+C stops everything.`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  console.log("\nStopping the demo…");
  await Promise.allSettled([vite.close(), server.close()]);
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
