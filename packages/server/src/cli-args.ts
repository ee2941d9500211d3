import { parseArgs } from "node:util";
import {
  DIALECTS,
  type DialectName,
  isDialectName,
  isServerProfile,
  PROFILES,
  type ServerProfile,
} from "./dialect.js";

export type CliCommand =
  | {
      kind: "serve";
      dialects: DialectName[];
      profile: ServerProfile;
      port: number;
      host: string;
      db: string | undefined;
      fixtures: string | undefined;
    }
  | { kind: "token"; user: string; expiresIn: string; fixtures: string | undefined }
  | { kind: "help" };

export const USAGE = `Usage:
  parley-server [--dialect <name|all>] [--profile <seed|field>] [--port <n>] [--host <addr>]
                [--db <file>] [--fixtures <file>]
  parley-server token <user id or username> [--expires <span>] [--fixtures <file>]

Dialects: ${DIALECTS.join(", ")}.
--port is the first port; with --dialect all the five dialects take it and the four after it.
--profile seed follows each seed's document; field behaves as the deployed backend behind it
(env PARLEY_PROFILE sets the default).
Defaults: --dialect all --profile seed --port 8000 --host 127.0.0.1, an in-memory database, the demo users.
Tokens are HS256 JWTs signed with env JWT_SECRET (a development secret when unset).`;

/** Parses the command line; throws an Error with a message for the user on bad input. */
export function parseCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): CliCommand {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      dialect: { type: "string", default: "all" },
      profile: { type: "string", default: env.PARLEY_PROFILE ?? "seed" },
      port: { type: "string", default: "8000" },
      host: { type: "string", default: "127.0.0.1" },
      db: { type: "string" },
      fixtures: { type: "string" },
      expires: { type: "string", default: "12h" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return { kind: "help" };
  if (positionals[0] === "token") {
    const user = positionals[1];
    if (!user) throw new Error("token: name a user id or username");
    return { kind: "token", user, expiresIn: values.expires, fixtures: values.fixtures };
  }
  if (positionals.length > 0) throw new Error(`unknown command ${positionals[0]}`);
  const dialect = values.dialect;
  let dialects: DialectName[];
  if (dialect === "all") dialects = [...DIALECTS];
  else if (isDialectName(dialect)) dialects = [dialect];
  else throw new Error(`unknown dialect ${dialect}; expected one of ${DIALECTS.join(", ")} or all`);
  const profile = values.profile;
  if (!isServerProfile(profile))
    throw new Error(`unknown profile ${profile}; expected one of ${PROFILES.join(", ")}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535 - dialects.length) {
    throw new Error(`invalid port ${values.port}`);
  }
  return {
    kind: "serve",
    dialects,
    profile,
    port,
    host: values.host,
    db: values.db,
    fixtures: values.fixtures,
  };
}
