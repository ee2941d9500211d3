// Send benchmark: SDK client A -> reference server -> SDK client B, against a raw relay of the
// same transport in the same run (a minimal ws relay for friends-ws, a minimal Socket.IO relay
// for care-socketio): round trip p50 and p99 one message at a time, and sustained messages/s
// with every message queued at once. Run with `pnpm bench`; it reports, it asserts nothing.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { ParleyServer } from "@parley/server";
import { startTestServer, testUsers } from "@parley/server/testing";
import { Server as SocketIoServer } from "socket.io";
import { io as connectSocketIo } from "socket.io-client";
import { WebSocket, WebSocketServer } from "ws";
import type { ChatAdapter } from "../src/adapter.js";
import { careSocketio } from "../src/adapters/care-socketio/index.js";
import { friendsWs } from "../src/adapters/friends-ws/index.js";
import { type ChatClient, createChatClient } from "../src/client.js";

/** Round trips before the measured ones: the code paths are warm, as in a chat app in use. */
const WARMUP = 1000;
const PINGS = 300;
/**
 * Messages queued at once for the sustained rate (the SDK's: PARLEY_BENCH_SDK_QUEUED); a run
 * stops after `BUDGET_S` seconds.
 */
const SDK_SUSTAINED = Number(process.env.PARLEY_BENCH_SDK_QUEUED ?? 20_000);
const RAW_SUSTAINED = 50_000;
const BUDGET_S = Number(process.env.PARLEY_BENCH_SEND_S ?? 15);
const { alice, bob } = testUsers;

/** One direction of a conversation: A sends text, B hears it. */
interface Pipe {
  send(text: string): void;
  /** Called with each text B receives (each once). */
  onReceive: (text: string) => void;
  close(): Promise<void> | void;
}

interface Figures {
  p50: number;
  p99: number;
  perSecond: number;
  received: number;
  queued: number;
  /** How long the sending side took to queue them (its own work, before any arrived). */
  queueMs: number;
  stopped: boolean;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

/** Round trips one at a time, then `queued` messages sent at once until all arrive (or the budget). */
async function measure(pipe: Pipe, queued: number, label: string): Promise<Figures> {
  let waiting: { text: string; resolve: () => void } | null = null;
  let received = 0;
  let allIn: (() => void) | null = null;
  let target = Number.POSITIVE_INFINITY;
  pipe.onReceive = (text) => {
    received += 1;
    if (waiting?.text === text) waiting.resolve();
    if (received >= target) allIn?.();
  };
  const times: number[] = [];
  for (let i = 0; i < WARMUP + PINGS; i++) {
    const text = `${label} ping ${i}`;
    const start = performance.now();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${label}: ping ${i} unanswered`)), 10_000);
      const answered = () => {
        clearTimeout(timer);
        resolve();
      };
      waiting = { text, resolve: answered };
      pipe.send(text);
    });
    if (i >= WARMUP) times.push(performance.now() - start);
  }
  waiting = null;
  times.sort((a, b) => a - b);
  await settle();

  received = 0;
  target = queued;
  const start = performance.now();
  const done = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(true), BUDGET_S * 1000);
    allIn = () => {
      clearTimeout(timer);
      resolve(false);
    };
  });
  for (let i = 0; i < queued; i++) pipe.send(`${label} burst ${i}`);
  const queueMs = performance.now() - start;
  const stopped = await done;
  const ms = performance.now() - start;
  return {
    p50: times[Math.floor(times.length * 0.5)] as number,
    p99: times[Math.floor(times.length * 0.99)] as number,
    perSecond: (received / ms) * 1000,
    received,
    queued,
    queueMs,
    stopped,
  };
}

function connected(client: ChatClient): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("SDK client did not connect in 10 s")), 10_000);
    const check = () => {
      if (client.getState().connection.status !== "connected") return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const unsubscribe = client.subscribe(check);
    check();
  });
}

/** Two SDK clients of `adapter` on the reference server: alice sends to bob. */
async function sdkPipe(
  server: ParleyServer,
  dialect: "friends-ws" | "care-socketio",
  adapter: () => ChatAdapter,
) {
  const client = (user: string) => {
    const c = createChatClient({
      adapter: adapter(),
      url: server.url(dialect),
      auth: () => server.token(user),
      WebSocket,
      outbox: { ackTimeoutMs: 60_000 },
    });
    c.connect();
    return c;
  };
  const a = client(alice);
  const b = client(bob);
  await Promise.all([connected(a), connected(b)]);
  const seen = new Set<string>();
  const pipe: Pipe = {
    send: (text) => void a.send(bob, text),
    onReceive: () => {},
    close: () => {
      a.destroy();
      b.destroy();
    },
  };
  b.on("message", (message) => {
    if (message.senderId !== alice || seen.has(message.clientId)) return;
    seen.add(message.clientId);
    pipe.onReceive(message.text);
  });
  return pipe;
}

/** A raw ws relay (every frame to every other socket) and two raw clients sending friends-ws frames. */
async function rawWsPipe(): Promise<Pipe> {
  const relay = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise((resolve) => relay.once("listening", resolve));
  relay.on("connection", (socket) => {
    socket.on("message", (data, binary) => {
      for (const other of relay.clients) if (other !== socket) other.send(data, { binary });
    });
  });
  const url = `ws://127.0.0.1:${(relay.address() as AddressInfo).port}`;
  const open = (ws: WebSocket) => new Promise((resolve) => ws.once("open", resolve));
  const a = new WebSocket(url);
  const b = new WebSocket(url);
  await Promise.all([open(a), open(b)]);
  const pipe: Pipe = {
    send: (text) =>
      a.send(JSON.stringify({ type: "send_message", receiver_id: bob, content: text })),
    onReceive: () => {},
    close: async () => {
      a.close();
      b.close();
      await new Promise((resolve) => relay.close(resolve));
    },
  };
  b.on("message", (data) => pipe.onReceive(JSON.parse(String(data)).content));
  return pipe;
}

/**
 * Two raw ws clients speaking friends-ws frames to the reference server itself: the server's own
 * cost, so that the SDK's share of a round trip can be told from the server's.
 */
async function rawServerPipe(server: ParleyServer): Promise<Pipe> {
  const base = `${server.url("friends-ws").replace(/^http/, "ws")}/api/v1/chat/ws/chat?token=`;
  const open = async (user: string) => {
    const ws = new WebSocket(`${base}${encodeURIComponent(await server.token(user))}`);
    await new Promise((resolve) => ws.once("open", resolve));
    return ws;
  };
  const [a, b] = await Promise.all([open(alice), open(bob)]);
  const pipe: Pipe = {
    send: (text) =>
      a.send(JSON.stringify({ type: "send_message", receiver_id: bob, content: text })),
    onReceive: () => {},
    close: () => {
      a.close();
      b.close();
    },
  };
  b.on("message", (data) => {
    const frame = JSON.parse(String(data));
    if (frame.type === "new_message") pipe.onReceive(frame.message.content);
  });
  return pipe;
}

/** A raw Socket.IO relay (`send_message` in, `new_message` to everyone else) and two raw clients. */
async function rawSocketIoPipe(): Promise<Pipe> {
  const http = createServer();
  const relay = new SocketIoServer(http, { transports: ["websocket"] });
  relay.on("connection", (socket) => {
    socket.on("send_message", (payload) => {
      for (const [id, other] of relay.sockets.sockets)
        if (id !== socket.id) other.emit("new_message", payload);
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const client = () => connectSocketIo(url, { transports: ["websocket"], forceNew: true });
  const a = client();
  const b = client();
  await Promise.all(
    [a, b].map((s) => new Promise<void>((resolve) => s.once("connect", () => resolve()))),
  );
  const pipe: Pipe = {
    send: (text) => void a.emit("send_message", { receiverId: bob, content: text }),
    onReceive: () => {},
    close: async () => {
      a.close();
      b.close();
      await relay.close();
    },
  };
  b.on("new_message", (payload: { content: string }) => pipe.onReceive(payload.content));
  return pipe;
}

const ms = (n: number) => `${n.toFixed(3)} ms`;
const perSecond = (f: Figures) => {
  const rate = `${Math.round(f.perSecond).toLocaleString("en")}/s (queued in ${f.queueMs.toFixed(0)} ms`;
  if (!f.stopped) return `${rate})`;
  return `${rate}; stopped after ${BUDGET_S} s: ${f.received.toLocaleString("en")} of ${f.queued.toLocaleString("en")} in)`;
};

function report(name: string, sdk: Figures, raw: Figures, viaServer?: Figures): void {
  console.log(`  ${name}`);
  console.log(
    `    SDK -> server -> SDK: p50 ${ms(sdk.p50)}, p99 ${ms(sdk.p99)}, sustained ${perSecond(sdk)}`,
  );
  if (viaServer)
    console.log(
      `    raw -> server -> raw: p50 ${ms(viaServer.p50)}, p99 ${ms(viaServer.p99)}, sustained ${perSecond(viaServer)} (the server's own share)`,
    );
  console.log(
    `    raw relay:            p50 ${ms(raw.p50)}, p99 ${ms(raw.p99)}, sustained ${perSecond(raw)}`,
  );
  if (viaServer)
    console.log(
      `    ratio SDK/raw via the same server: p50 ${(sdk.p50 / viaServer.p50).toFixed(1)}x, p99 ${(sdk.p99 / viaServer.p99).toFixed(1)}x; messages/s ${(viaServer.perSecond / sdk.perSecond).toFixed(1)}x`,
    );
  console.log(
    `    ratio SDK/raw: p50 ${(sdk.p50 / raw.p50).toFixed(1)}x, p99 ${(sdk.p99 / raw.p99).toFixed(1)}x; raw/SDK messages/s ${sdk.received > 0 ? `${(raw.perSecond / sdk.perSecond).toFixed(1)}x` : "n/a (none arrived)"}`,
  );
}

// The reference server with its rate limit lifted: the default 20 frames/s would measure the limit.
const server = await startTestServer({
  dialects: ["friends-ws", "care-socketio"],
  profile: "seed",
  limits: { ratePerSecond: 1_000_000, rateBurst: 1_000_000 },
});
console.log(
  `send: one conversation, alice -> bob; ${PINGS} round trips one at a time (after ${WARMUP}), then ${SDK_SUSTAINED.toLocaleString("en")} (SDK) / ${RAW_SUSTAINED.toLocaleString("en")} (raw) queued at once; server rate limit lifted`,
);
try {
  const cases = [
    {
      name: "friends-ws (raw WebSocket)",
      dialect: "friends-ws",
      adapter: friendsWs,
      raw: rawWsPipe,
      viaServer: rawServerPipe,
    },
    {
      name: "care-socketio (Socket.IO)",
      dialect: "care-socketio",
      adapter: careSocketio,
      raw: rawSocketIoPipe,
      viaServer: undefined,
    },
  ] as const;
  for (const c of cases) {
    const raw = await c.raw();
    const rawFigures = await measure(raw, RAW_SUSTAINED, "raw");
    await raw.close();
    let viaServerFigures: Figures | undefined;
    if (c.viaServer) {
      const pipe = await c.viaServer(server);
      viaServerFigures = await measure(pipe, SDK_SUSTAINED, "via-server");
      await pipe.close();
    }
    const sdk = await sdkPipe(server, c.dialect, () => c.adapter());
    const sdkFigures = await measure(sdk, SDK_SUSTAINED, "sdk");
    await sdk.close();
    report(c.name, sdkFigures, rawFigures, viaServerFigures);
  }
} finally {
  await server.close();
}
