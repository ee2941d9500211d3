import { createServer, type Server as HttpServer } from "node:http";
import fc from "fast-check";
import { Server } from "socket.io";
import { expect } from "vitest";
import type { ChatClient } from "../../src/client.js";
import type { ParleyError } from "../../src/errors.js";
import {
  batches,
  errorsOf,
  expectConsistent,
  fuzzRuns,
  fuzzSeed,
  hugeString,
  protoKey,
  settle,
  uncaughtCollector,
} from "./fuzz-kit.js";

/**
 * A small fake Socket.IO backend for the Socket.IO dialects' fuzz suites: it completes any
 * handshake, acknowledges every event with what `answer` says, answers every REST call with
 * `[]`, and lets a test emit any event with any arguments to every connected socket.
 */
export interface FakeSocketIo {
  readonly url: string;
  /** Sockets connected now. */
  readonly sockets: number;
  emit(event: string, ...args: unknown[]): void;
  close(): Promise<void>;
}

/** Event names Socket.IO keeps for itself: a server cannot emit them. */
export const reservedEvents = new Set([
  "connect",
  "connect_error",
  "disconnect",
  "disconnecting",
  "newListener",
  "removeListener",
]);

export async function startFakeSocketIo(
  answer: (event: string, payload: unknown) => unknown,
): Promise<FakeSocketIo> {
  const http: HttpServer = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end("[]");
  });
  const io = new Server(http, { transports: ["websocket", "polling"] });
  io.on("connection", (socket) => {
    socket.onAny((event: string, ...args: unknown[]) => {
      const ack = args.at(-1);
      if (typeof ack === "function") ack(answer(event, args[0]));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const { port } = http.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    get sockets() {
      return io.of("/").sockets.size;
    },
    emit: (event, ...args) => io.emit(event, ...args),
    async close() {
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => io.close(() => resolve()));
    },
  };
}

/** An unsigned JWT naming `sub` (the Socket.IO adapters read the subject, never the signature). */
export function fakeJwt(sub: string, claims: Record<string, unknown> = {}): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "HS256", typ: "JWT" })}.${part({ sub, ...claims })}.c2lnbmF0dXJl`;
}

/**
 * Random Socket.IO events: mostly the dialect's `known` names with `shaped` payloads (or any JSON,
 * a huge string, nothing), sometimes random names and prototype keys; zero to two arguments.
 */
export function socketIoEvents(known: readonly string[], shaped: fc.Arbitrary<unknown>) {
  const payload: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 6, arbitrary: shaped },
    { weight: 3, arbitrary: fc.jsonValue() },
    { weight: 1, arbitrary: hugeString },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
  return fc.tuple(
    fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...known) },
      { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 20 }), protoKey) },
    ),
    fc.array(payload, { minLength: 0, maxLength: 2 }),
  );
}

/**
 * Emits random batches of `events` from the fake server; after each batch nothing may have been
 * thrown and every client's store must be consistent. Answers the errors `clients[0]` reported.
 */
export async function fuzzThroughFake(
  fake: FakeSocketIo,
  events: fc.Arbitrary<[string, unknown[]]>,
  clients: readonly ChatClient[],
): Promise<ParleyError[]> {
  const errors = errorsOf(clients[0] as ChatClient);
  const uncaught = uncaughtCollector();
  try {
    await fc.assert(
      fc.asyncProperty(batches(events), async (batch) => {
        for (const [event, args] of batch)
          if (!reservedEvents.has(event)) fake.emit(event, ...args);
        await settle();
        expect(uncaught.caught).toEqual([]);
        for (const client of clients) expectConsistent(client.getState());
      }),
      { numRuns: fuzzRuns, seed: fuzzSeed },
    );
  } finally {
    uncaught.stop();
  }
  return errors;
}
