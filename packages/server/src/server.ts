import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { Hono } from "hono";
import { cors } from "hono/cors";
import { DEVELOPMENT_SECRET, TokenService } from "./auth/jwt.js";
import { type Database, openDatabase } from "./db/database.js";
import { DIALECTS, type DialectName, type DialectRuntime, type ServerProfile } from "./dialect.js";
import { dialectRegistry } from "./dialects/registry.js";
import { demoFixtures } from "./fixtures/demo.js";
import { Directory } from "./fixtures/directory.js";
import type { FixturesInput } from "./fixtures/schema.js";
import { defaultLimits, type Limits } from "./limits.js";
import { DeliveryGate } from "./realtime/delivery-gate.js";

/** Options for {@link startServer}. */
export interface ServerOptions {
  /** Which dialects to serve. @default every dialect */
  dialects?: readonly DialectName[];
  /**
   * `seed` follows each seed's document; `field` behaves as the deployed backend behind it does
   * (see each dialect's page). @default "seed"
   */
  profile?: ServerProfile;
  /**
   * First port: dialects take consecutive ports in `PROTOCOLS.md` order from here.
   * 0 gives each dialect a free ephemeral port. @default 0
   */
  port?: number;
  /** Interface to listen on. @default "127.0.0.1" */
  host?: string;
  /** SQLite file that keeps history across restarts, or ":memory:". @default ":memory:" */
  db?: string;
  /** Users, friendships, care relations and chats. @default the built-in demo set */
  fixtures?: FixturesInput | Directory;
  /** HS256 secret for every token. @default env JWT_SECRET, else a development secret */
  jwtSecret?: string;
  /** Frame, body, upload and rate limits. @default {@link defaultLimits} */
  limits?: Partial<Limits>;
  /** Receives one line per notable event. @default silent */
  log?: (line: string) => void;
  /** Clock for timestamps and time windows (ms since epoch). @default Date.now */
  now?: () => number;
}

/** A running reference server with its fault controls. */
export interface ParleyServer {
  /** The profile every dialect follows. */
  readonly profile: ServerProfile;
  /** Base HTTP URL of each served dialect (`ws:` URLs use the same host and port). */
  readonly urls: Readonly<Partial<Record<DialectName, string>>>;
  /** Base URL of one dialect; throws when it is not served. */
  url(dialect: DialectName): string;
  readonly directory: Directory;
  readonly tokens: TokenService;
  /** Signs a token for `userId` (seconds or a span like "2h"; negative for an expired one). */
  token(userId: string, expiresIn?: number | string): Promise<string>;
  /** Open realtime connections per dialect. */
  connectionCount(dialect: DialectName): number;
  /** Cuts every realtime connection (of one dialect, or all) as a network drop would. */
  dropConnections(dialect?: DialectName): void;
  /** Holds every outbound realtime delivery until {@link resumeDelivery}. */
  pauseDelivery(): void;
  resumeDelivery(): void;
  /** Stops listening, keeping ports and database, until {@link start}. */
  stop(): Promise<void>;
  /** Listens again on the same ports with the same database (file or memory). */
  start(): Promise<void>;
  /** `stop()` then `start()`. */
  restart(): Promise<void>;
  /** Stops for good and closes the database. */
  close(): Promise<void>;
}

interface Running {
  http: HttpServer;
  runtime: DialectRuntime;
  sockets: Set<import("node:net").Socket>;
}

/**
 * Lets browser apps on other origins call a dialect's REST API, as the seeds' backends do with
 * their CORS middleware: preflights are answered, and every answer names the caller's origin.
 * Credentials are bearer tokens, never cookies, so reflecting the origin grants nothing extra.
 */
function withCors(runtime: DialectRuntime): Hono {
  return new Hono()
    .use(
      cors({
        origin: (origin) => origin || null,
        allowMethods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
        maxAge: 600,
      }),
    )
    .all("*", (c) => runtime.fetch(c.req.raw));
}

/** Starts the reference server for the chosen dialects, each on its own port. */
export async function startServer(options: ServerOptions = {}): Promise<ParleyServer> {
  const dialects = options.dialects ?? DIALECTS;
  const profile = options.profile ?? "seed";
  const host = options.host ?? "127.0.0.1";
  const dbFile = options.db ?? ":memory:";
  const limits: Limits = { ...defaultLimits, ...options.limits };
  const log = options.log ?? (() => {});
  const directory =
    options.fixtures instanceof Directory
      ? options.fixtures
      : Directory.from(options.fixtures ?? demoFixtures);
  const tokens = new TokenService(
    options.jwtSecret ?? process.env.JWT_SECRET ?? DEVELOPMENT_SECRET,
  );
  const gate = new DeliveryGate();
  const ports = new Map<DialectName, number>();
  dialects.forEach((name, i) => {
    ports.set(name, options.port ? options.port + i : 0);
  });

  let db: Database | null = null;
  const running = new Map<DialectName, Running>();
  const urls: Partial<Record<DialectName, string>> = {};

  async function start(): Promise<void> {
    if (running.size > 0) return;
    db ??= openDatabase(dbFile);
    for (const name of dialects) {
      const origin = () => urls[name] ?? "";
      const runtime = dialectRegistry[name].create({
        profile,
        db,
        directory,
        tokens,
        limits,
        gate,
        origin,
        now: options.now ?? Date.now,
        log: (line) => log(`[${name}] ${line}`),
      });
      const http = createServer(getRequestListener(withCors(runtime).fetch));
      const sockets = new Set<import("node:net").Socket>();
      http.on("connection", (socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
      });
      runtime.attach(http);
      await new Promise<void>((resolve, reject) => {
        http.once("error", reject);
        http.listen(ports.get(name) ?? 0, host, () => {
          http.off("error", reject);
          resolve();
        });
      });
      const port = (http.address() as AddressInfo).port;
      ports.set(name, port); // a restart reuses the port the first start got
      urls[name] = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
      running.set(name, { http, runtime, sockets });
    }
  }

  async function stop(): Promise<void> {
    gate.clear();
    gate.resume();
    await Promise.all(
      [...running.values()].map(async ({ http, runtime, sockets }) => {
        await runtime.close();
        await new Promise<void>((resolve) => {
          http.close(() => resolve());
          for (const socket of sockets) socket.destroy();
        });
      }),
    );
    running.clear();
    // Let peers in this process (a test's fetch pool) read the FIN of the sockets just closed
    // before anything can start again: otherwise a pooled keep-alive socket that looks alive is
    // reused after a restart and fails with "other side closed".
    for (let turn = 0; turn < 2; turn++)
      await new Promise<void>((resolve) => setImmediate(resolve));
    // A file database is reopened on start, as a real process restart would; memory is kept.
    if (db && dbFile !== ":memory:") {
      db.close();
      db = null;
    }
  }

  await start();

  return {
    profile,
    urls,
    url(dialect) {
      const url = urls[dialect];
      if (!url) throw new Error(`dialect ${dialect} is not served`);
      return url;
    },
    directory,
    tokens,
    token: (userId, expiresIn) => tokens.sign(userId, expiresIn === undefined ? {} : { expiresIn }),
    connectionCount: (dialect) => running.get(dialect)?.runtime.connectionCount() ?? 0,
    dropConnections(dialect) {
      for (const [name, { runtime }] of running) {
        if (!dialect || dialect === name) runtime.dropConnections();
      }
    },
    pauseDelivery: () => gate.pause(),
    resumeDelivery: () => gate.resume(),
    stop,
    start,
    async restart() {
      await stop();
      await start();
    },
    async close() {
      await stop();
      db?.close();
      db = null;
    },
  };
}
