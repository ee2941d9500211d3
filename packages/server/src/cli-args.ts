import { parseArgs } from "node:util";
import {
  DIALECTS,
  type DialectName,
  isDialectName,
  isServerProfile,
  PROFILES,
  type ServerProfile,
} from "./dialect.js";
import type { Limits } from "./limits.js";

export type CliCommand =
  | {
      kind: "serve";
      dialects: DialectName[];
      profile: ServerProfile;
      /** Limits given on the command line or in the environment; the rest keep their defaults. */
      limits: Partial<Limits>;
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
Limits (flag, or env variable; defaults in brackets): --rate PARLEY_RATE frames a second per
connection [20], --burst PARLEY_BURST frames above the rate [40], --max-frame PARLEY_MAX_FRAME
bytes [65536], --max-body PARLEY_MAX_BODY bytes [65536], --max-text PARLEY_MAX_TEXT characters
[4000], --max-upload PARLEY_MAX_UPLOAD bytes [5242880].
--profile seed follows each seed's document; field behaves as the deployed backend behind it
(env PARLEY_PROFILE sets the default).
Defaults: --dialect all --profile seed --port 8000 --host 127.0.0.1, an in-memory database, the demo users.
Tokens are HS256 JWTs signed with env JWT_SECRET (a development secret when unset).`;

/** Each limit's flag, environment variable and field. */
const LIMIT_FLAGS = [
  ["rate", "PARLEY_RATE", "ratePerSecond"],
  ["burst", "PARLEY_BURST", "rateBurst"],
  ["max-frame", "PARLEY_MAX_FRAME", "maxFrameBytes"],
  ["max-body", "PARLEY_MAX_BODY", "maxBodyBytes"],
  ["max-text", "PARLEY_MAX_TEXT", "maxContentChars"],
  ["max-upload", "PARLEY_MAX_UPLOAD", "maxUploadBytes"],
] as const satisfies ReadonlyArray<readonly [string, string, keyof Limits]>;

/** The limits a flag or (failing that) an environment variable sets: positive integers. */
function readLimits(
  values: Record<string, unknown>,
  env: Readonly<Record<string, string | undefined>>,
): Partial<Limits> {
  const limits: Partial<Limits> = {};
  for (const [flag, variable, field] of LIMIT_FLAGS) {
    const raw = (values[flag] as string | undefined) ?? env[variable];
    if (raw === undefined) continue;
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`invalid --${flag} ${raw}: expected a positive integer`);
    limits[field] = value;
  }
  return limits;
}

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
      ...Object.fromEntries(LIMIT_FLAGS.map(([flag]) => [flag, { type: "string" as const }])),
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
  const limits = readLimits(values as Record<string, unknown>, env);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535 - dialects.length) {
    throw new Error(`invalid port ${values.port}`);
  }
  return {
    kind: "serve",
    dialects,
    profile,
    limits,
    port,
    host: values.host,
    db: values.db,
    fixtures: values.fixtures,
  };
}
