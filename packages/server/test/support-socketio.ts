import type { Socket } from "socket.io-client";
import type { FixturesInput } from "../src/fixtures/schema.js";
import type { ParleyServer } from "../src/server.js";
import { testFixtures } from "../src/testing/fixtures.js";
import { connectSocketIo, nextEvent } from "./socketio-probe.js";

/** Parsed JSON handed to `expect()`; test files may use `any`, and these are their helpers. */
type Json = any;

/** A second admin, so tests can see that every admin receives user messages. */
export const zed = "0z000000-0000-4000-8000-00000000000z";

/** The shared test fixtures plus {@link zed}. */
export const supportFixtures: FixturesInput = {
  ...testFixtures,
  users: [...testFixtures.users, { id: zed, name: "Zed", role: "admin", numericId: 26 }],
};

/**
 * Connects as `userId` the way the seed's JavaScript example does (`io(url, {path})`), plus the
 * token the reference server requires: in the handshake `auth`, or for the field profile in
 * `?token=` (the deployed backend fails on a handshake with an `auth` payload). Fails the test
 * on refusal.
 */
export async function connectAs(
  server: ParleyServer,
  userId: string,
  options: Parameters<typeof connectSocketIo>[1] = {},
): Promise<Socket> {
  const token = await server.token(userId);
  const { socket, error } = await connectSocketIo(server.url("support-socketio"), {
    ...(server.profile === "field" ? { query: { token } } : { auth: { token } }),
    ...options,
  });
  if (error) throw new Error(`connect refused: ${error.message}`);
  return socket;
}

/** Emits with an acknowledgement and answers it (or fails after 3 s). */
export function ask<T = Json>(socket: Socket, event: string, payload?: unknown): Promise<T> {
  const timed = socket.timeout(3000);
  return (
    payload === undefined ? timed.emitWithAck(event) : timed.emitWithAck(event, payload)
  ) as Promise<T>;
}

/** GET a REST path as `userId` (or with no token when null); answers status and JSON body. */
export async function get(
  server: ParleyServer,
  path: string,
  userId: string | null,
): Promise<{ status: number; body: Json; headers: Headers }> {
  const headers: Record<string, string> = {};
  if (userId !== null) headers.authorization = `Bearer ${await server.token(userId)}`;
  const response = await fetch(`${server.url("support-socketio")}${path}`, { headers });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

/** Waits until `check` holds, polling briefly; for state that settles after a disconnect. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 3000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A round trip on `socket`, so every event the server sent before it has arrived. */
export async function settle(socket: Socket): Promise<void> {
  await ask(socket, "heartbeat");
}

/**
 * The field profile's round trip: `heartbeat` with a payload (without one the deployed handler
 * fails) answered by `heartbeat_ack`, so every event sent before it has arrived.
 */
export async function fieldSettle(socket: Socket): Promise<void> {
  const ack = nextEvent(socket, "heartbeat_ack");
  socket.emit("heartbeat", {});
  await ack;
}
