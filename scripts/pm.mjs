#!/usr/bin/env node
// The README's two commands (`npm run demo`, `npm test`) must work on a machine that has only
// Node and npm, so this script finds pnpm (or runs the pinned version through npx), installs
// the workspace, then hands over to the matching pnpm script.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const tasks = { test: "test:all", demo: "demo:start" };
const task = process.argv[2];
if (!(task in tasks)) {
  console.error(`usage: node scripts/pm.mjs <${Object.keys(tasks).join("|")}>`);
  process.exit(2);
}

const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`Parley needs Node 20.19 or newer; this is ${process.version}.`);
  process.exit(1);
}

const { packageManager } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url)));
const wanted = packageManager.split("@")[1];

function run(command, args) {
  const result = spawnSync(command, args, {
    stdio: "inherit",
    shell: process.platform === "win32",
  });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function localPnpm() {
  const probe = spawnSync("pnpm", ["--version"], {
    encoding: "utf8",
    shell: process.platform === "win32",
  });
  return probe.status === 0 && probe.stdout.trim() === wanted;
}

// npx puts the pnpm it fetched on PATH for its child, so nested `pnpm` calls in scripts work.
const pnpm = localPnpm() ? ["pnpm", []] : ["npx", ["--yes", `pnpm@${wanted}`]];
const pn = (...args) => run(pnpm[0], [...pnpm[1], ...args]);

const installArgs = process.env.CI
  ? ["install", "--frozen-lockfile"]
  : ["install", "--prefer-offline"];
let status = pn(...installArgs);
if (status === 0) status = pn("run", tasks[task]);
process.exit(status);
