import { WebSocket } from "ws";
import type { ParleyServer } from "../src/server.js";
import { WsProbe } from "./ws-probe.js";

/** The documented socket URL: `ws://host/api/v1/chat/ws/chat?token={jwt_token}`. */
export function socketUrl(server: ParleyServer, token: string): string {
  return `${server.url("friends-ws").replace(/^http/, "ws")}/api/v1/chat/ws/chat?token=${token}`;
}

/** Connects `userId` and waits for the greeting (`connection_established`, `online_friends`). */
export async function connect(server: ParleyServer, userId: string): Promise<WsProbe> {
  const probe = await WsProbe.open(socketUrl(server, await server.token(userId)));
  await probe.next((f) => f.type === "online_friends");
  return probe;
}

/** Closes probes and waits until the server has forgotten every socket of this dialect. */
export async function closeAll(server: ParleyServer, ...probes: WsProbe[]): Promise<void> {
  for (const probe of probes) probe.close();
  await Promise.all(probes.map((p) => p.closed));
  while (server.connectionCount("friends-ws") > 0) await new Promise((r) => setTimeout(r, 10));
}

/** A REST call under `/api/v1/chat` as `userId` (or with the given raw Authorization header). */
export async function rest(
  server: ParleyServer,
  method: string,
  path: string,
  options: { as?: string; authorization?: string | null; body?: unknown; rawBody?: string } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.authorization !== undefined) {
    if (options.authorization !== null) headers.authorization = options.authorization;
  } else if (options.as) {
    headers.authorization = `Bearer ${await server.token(options.as)}`;
  }
  const body =
    method === "GET"
      ? undefined
      : (options.rawBody ??
        (options.body === undefined ? undefined : JSON.stringify(options.body)));
  const response = await fetch(`${server.url("friends-ws")}/api/v1/chat${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === "" ? undefined : JSON.parse(text),
    headers: response.headers,
  };
}

/**
 * A token shaped as the deployed backend issues them (field profile): `sub` is the username,
 * `user_id` the account id, `role` one role name (the first of the account's, unless given).
 */
export async function upstreamToken(
  server: ParleyServer,
  userId: string,
  options: { role?: string; sub?: string } = {},
): Promise<string> {
  const user = server.directory.user(userId);
  const role = options.role ?? [...(user?.roles ?? [])][0] ?? "user";
  return server.tokens.sign(options.sub ?? user?.username ?? userId, {
    claims: { user_id: userId, role },
  });
}

/** The HTTP status a socket upgrade is refused with, or `open` when it completed. */
export function upgradeStatus(
  url: string,
  headers?: Record<string, string>,
): Promise<number | "open"> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, headers ? { headers } : undefined);
    socket.once("open", () => {
      socket.close();
      resolve("open");
    });
    socket.once("unexpected-response", (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once("error", (error) => {
      if (!String(error).includes("Unexpected server response")) reject(error);
    });
  });
}
