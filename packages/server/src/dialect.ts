import type { Server as HttpServer } from "node:http";
import type { TokenService } from "./auth/jwt.js";
import type { Database } from "./db/database.js";
import type { Directory } from "./fixtures/directory.js";
import type { Limits } from "./limits.js";
import type { DeliveryGate } from "./realtime/delivery-gate.js";

/** The five documented protocols, in the order of `PROTOCOLS.md`. */
export const DIALECTS = [
  "support-socketio",
  "friends-ws",
  "care-socketio",
  "channels-ws",
  "rooms-ws",
] as const;

export type DialectName = (typeof DIALECTS)[number];

/**
 * How the server behaves where the deployed backend behind a seed differs from the seed's text.
 * `seed` follows the document; `field` behaves as the deployed backend does (its published code
 * and runs of it): other field names, missing replies, refusals at the HTTP handshake, its bugs.
 * Authentication is required in both. Each dialect's page lists the differences.
 */
export type ServerProfile = "seed" | "field";

export const PROFILES: readonly ServerProfile[] = ["seed", "field"];

export function isServerProfile(name: string): name is ServerProfile {
  return (PROFILES as readonly string[]).includes(name);
}

export function isDialectName(name: string): name is DialectName {
  return (DIALECTS as readonly string[]).includes(name);
}

/** What the server hands each dialect when it starts. */
export interface DialectContext {
  /** Document or deployed behaviour, where the two differ. */
  profile: ServerProfile;
  db: Database;
  directory: Directory;
  tokens: TokenService;
  limits: Limits;
  /** Every outbound realtime delivery goes through the gate, so tests can pause it. */
  gate: DeliveryGate;
  /** This dialect's own origin, e.g. `http://127.0.0.1:8004`, for URLs it hands out. */
  origin(): string;
  /** The server's clock (ms since epoch); tests inject one to cross time windows. */
  now(): number;
  log(line: string): void;
}

/** A running dialect: its REST handler and its realtime layer on one HTTP server. */
export interface DialectRuntime {
  /** Answers REST requests (a Hono app's `fetch`). */
  fetch(request: Request): Response | Promise<Response>;
  /** Attaches the realtime layer (WebSocket upgrade or Socket.IO) to the listening server. */
  attach(server: HttpServer): void;
  /** Open realtime connections. */
  connectionCount(): number;
  /** Cuts every realtime connection abruptly, as a network drop would; the server stays up. */
  dropConnections(): void;
  /** Closes the realtime layer for shutdown. */
  close(): Promise<void>;
}

export interface DialectDefinition {
  name: DialectName;
  /** Runs the dialect's migrations, seeds fixture rows and builds its runtime. */
  create(context: DialectContext): DialectRuntime;
}
