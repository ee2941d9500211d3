#!/usr/bin/env node
import { DEVELOPMENT_SECRET, TokenService } from "./auth/jwt.js";
import { parseCli, USAGE } from "./cli-args.js";
import { demoFixtures } from "./fixtures/demo.js";
import { Directory, type DirectoryUser } from "./fixtures/directory.js";
import { startServer } from "./server.js";

async function main(): Promise<void> {
  let command: ReturnType<typeof parseCli>;
  try {
    command = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`parley-server: ${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (command.kind === "help") {
    console.log(USAGE);
    return;
  }
  const secret = process.env.JWT_SECRET;
  if (!secret) {
    console.warn(`JWT_SECRET is not set: using the development secret "${DEVELOPMENT_SECRET}".`);
  }
  const directory = command.fixtures
    ? await Directory.fromFile(command.fixtures)
    : Directory.from(demoFixtures);
  const tokens = new TokenService(secret ?? DEVELOPMENT_SECRET);

  if (command.kind === "token") {
    const user = findUser(directory, command.user);
    if (!user) {
      console.error(`parley-server: no user ${command.user} in the fixtures`);
      process.exitCode = 1;
      return;
    }
    console.log(await tokens.sign(user.id, { expiresIn: command.expiresIn }));
    return;
  }

  const server = await startServer({
    dialects: command.dialects,
    profile: command.profile,
    limits: command.limits,
    port: command.port,
    host: command.host,
    fixtures: directory,
    ...(command.db ? { db: command.db } : {}),
    ...(secret ? { jwtSecret: secret } : {}),
  });
  const where = command.db ? `database ${command.db}` : "in memory";
  console.log(`Parley reference server (${where}, ${command.profile} profile)`);
  for (const [name, url] of Object.entries(server.urls)) console.log(`  ${name.padEnd(17)} ${url}`);
  console.log("\nUsers and tokens (valid 12h; new ones: parley-server token <username>):");
  for (const user of directory.users) {
    const label = `${user.username ?? user.id} (${user.name}; ${[...user.roles].join(", ")})`;
    console.log(`  ${label}\n    id ${user.id}\n    ${await tokens.sign(user.id)}`);
  }
  const shutdown = () => {
    server.close().finally(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

function findUser(directory: Directory, key: string): DirectoryUser | undefined {
  return directory.user(key) ?? directory.users.find((u) => u.username === key);
}

main().catch((error: unknown) => {
  console.error(`parley-server: ${(error as Error).message}`);
  process.exitCode = 1;
});
