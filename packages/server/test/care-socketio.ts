import type { Socket } from "socket.io-client";
import type { ParleyServer } from "../src/server.js";
import { connectSocketIo } from "./socketio-probe.js";

/** A parsed JSON body; the assertions, not the types, check its shape. */
export type Json = any;

/** A REST answer: status and parsed JSON body. */
export interface ApiAnswer<T = Json> {
  status: number;
  body: T;
}

/** Calls the care-socketio REST API as `userId` (or with `token` when given as `{ token }`). */
export async function api<T = Json>(
  server: ParleyServer,
  method: string,
  path: string,
  as: string | { token: string | null },
  body?: unknown,
): Promise<ApiAnswer<T>> {
  const token = typeof as === "string" ? await server.token(as) : as.token;
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${server.url("care-socketio")}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

/** Connects as the seed does: `io(url, { auth: { token } })`; throws when refused. */
export async function connectAs(server: ParleyServer, userId: string): Promise<Socket> {
  const token = await server.token(userId);
  const { socket, error } = await connectSocketIo(server.url("care-socketio"), { auth: { token } });
  if (error) throw error;
  return socket;
}
