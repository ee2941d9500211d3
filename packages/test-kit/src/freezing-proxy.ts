import { createServer, type Server, Socket } from "node:net";

/** A loopback TCP proxy whose WebSocket connections can be made half-open. */
export interface FreezingProxy {
  /** `http://127.0.0.1:<port>`, to use instead of the backend's URL. */
  readonly url: string;
  /** Connections opened so far, WebSocket upgrades only. */
  readonly webSockets: number;
  /** When each WebSocket upgrade was asked for (ms since epoch), in order: attempts to count. */
  readonly upgradeTimes: readonly number[];
  /**
   * Every open WebSocket connection stops carrying bytes either way, without closing: what a
   * dropped NAT mapping or a sleeping network leaves behind. New connections work.
   */
  freeze(): void;
  close(): Promise<void>;
}

const UPGRADE = /\r\nupgrade:\s*websocket/i;

/** Starts a proxy in front of `target` (`http://host:port`). */
export async function startFreezingProxy(target: string): Promise<FreezingProxy> {
  const { hostname, port } = new URL(target);
  const pairs = new Set<{ client: Socket; upstream: Socket; ws: boolean; frozen: boolean }>();
  let webSockets = 0;
  const upgradeTimes: number[] = [];
  const server: Server = createServer((client) => {
    const upstream = new Socket();
    const pair = { client, upstream, ws: false, frozen: false };
    pairs.add(pair);
    upstream.connect(Number(port), hostname);
    let first = true;
    client.on("data", (chunk: Buffer) => {
      if (first) {
        first = false;
        pair.ws = UPGRADE.test(chunk.toString("latin1"));
        if (pair.ws) {
          webSockets += 1;
          upgradeTimes.push(Date.now());
        }
      }
      if (!pair.frozen) upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (!pair.frozen) client.write(chunk);
    });
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    // A frozen connection never reports its end either: that is what half-open means.
    client.on("close", () => !pair.frozen && end());
    upstream.on("close", () => !pair.frozen && end());
    client.on("error", () => {});
    upstream.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    get webSockets() {
      return webSockets;
    },
    upgradeTimes,
    freeze() {
      for (const pair of pairs) if (pair.ws) pair.frozen = true;
    },
    async close() {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      pairs.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
