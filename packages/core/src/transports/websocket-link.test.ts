import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";
import { defaultTimers } from "../environment.js";
import { ParleyError } from "../errors.js";
import { WebSocketLink } from "./websocket-link.js";

let server: WebSocketServer;
let base: string;
const urls: string[] = [];

beforeAll(async () => {
  server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  base = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.on("connection", (socket, request) => {
    urls.push(request.url ?? "");
    if (request.url?.includes("refuse")) socket.close(4401, "bad token");
    else socket.on("message", (data) => socket.send(`echo:${data}`));
  });
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function link(path: () => string, onClose = (_: unknown) => {}) {
  const received: string[] = [];
  const instance = new WebSocketLink({
    url: async () => `${base}${path()}`,
    WebSocket,
    onMessage: (data) => received.push(data),
    onClose,
    connectionTimeoutMs: 500,
    timers: defaultTimers,
  });
  return { instance, received };
}

describe("WebSocketLink", () => {
  it("builds the URL on every open, sends JSON and receives text", async () => {
    let n = 0;
    const { instance, received } = link(() => `/?token=t${++n}`);
    await instance.open();
    instance.send({ hello: 1 });
    await new Promise((r) => setTimeout(r, 50));
    expect(received).toEqual(['echo:{"hello":1}']);
    await instance.open();
    expect(urls.slice(-2)).toEqual(["/?token=t1", "/?token=t2"]);
    instance.close();
    expect(() => instance.send({})).toThrow(
      expect.objectContaining({ code: "network", unsent: true }),
    );
  });

  it("reports a 4401 close after the upgrade as unauthorized", async () => {
    // A browser cannot see an HTTP 401 on an upgrade, so servers accept and then close.
    const closes: unknown[] = [];
    const { instance } = link(
      () => "/refuse",
      (e) => closes.push(e),
    );
    await instance.open();
    await new Promise((r) => setTimeout(r, 50));
    expect(closes).toEqual([expect.objectContaining({ code: "unauthorized", status: 4401 })]);
  });

  it("asks checkRefusal when an attempt fails before opening with no code (an HTTP 403)", async () => {
    const refusing = new WebSocketServer({
      port: 0,
      host: "127.0.0.1",
      verifyClient: (_info, done) => done(false, 403),
    });
    await new Promise((r) => refusing.once("listening", r));
    const url = `ws://127.0.0.1:${(refusing.address() as AddressInfo).port}/`;
    const attempt = (checkRefusal?: () => Promise<ParleyError | null>) =>
      new WebSocketLink({
        url: async () => url,
        WebSocket,
        onMessage: () => {},
        onClose: () => {},
        timers: defaultTimers,
        ...(checkRefusal ? { checkRefusal } : {}),
      })
        .open()
        .then(
          () => null,
          (e: ParleyError) => e.code,
        );
    try {
      expect(await attempt()).toBe("network");
      const refused = new ParleyError("unauthorized", "The token was refused", { status: 403 });
      expect(await attempt(async () => refused)).toBe("unauthorized");
      expect(await attempt(async () => null)).toBe("network");
    } finally {
      await new Promise<void>((r) => refusing.close(() => r()));
    }
  });

  it("drops a frame whose handler throws, reports it as protocol, and goes on", async () => {
    const errors: ParleyError[] = [];
    const received: string[] = [];
    const instance = new WebSocketLink({
      url: async () => `${base}/guard`,
      WebSocket,
      onMessage: (data) => {
        if (data.includes("bad")) throw new TypeError("Cannot convert object to primitive value");
        received.push(data);
      },
      onError: (error) => errors.push(error),
      onClose: () => {},
      timers: defaultTimers,
    });
    await instance.open();
    instance.send("bad");
    instance.send("good");
    for (let i = 0; i < 50 && received.length === 0; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(received).toEqual(['echo:"good"']);
    expect(errors.map((e) => e.code)).toEqual(["protocol"]);
    expect(instance.isOpen).toBe(true);
    instance.close();
  });

  it("reports a drop after open, but not a deliberate close", async () => {
    const closes: Array<{ code: string }> = [];
    const { instance } = link(
      () => "/",
      (e) => closes.push(e as { code: string }),
    );
    await instance.open();
    for (const client of server.clients) client.terminate();
    await new Promise((r) => setTimeout(r, 50));
    expect(closes.map((e) => e.code)).toEqual(["network"]);
    await instance.open();
    instance.close();
    await new Promise((r) => setTimeout(r, 50));
    expect(closes).toHaveLength(1);
  });

  it("times out an attempt that never opens, and refuses without a WebSocket", async () => {
    const silent = new WebSocketLink({
      url: async () => "ws://10.255.255.1:9", // nothing answers; the timeout fires first
      WebSocket: class {
        readyState = 0;
        onopen = null;
        onmessage = null;
        onerror = null;
        onclose: ((e: { code: number; reason: string }) => void) | null = null;
        send() {}
        close() {
          setTimeout(() => this.onclose?.({ code: 1006, reason: "" }), 0);
        }
      },
      onMessage: () => {},
      onClose: () => {},
      connectionTimeoutMs: 20,
      timers: defaultTimers,
    });
    await expect(silent.open()).rejects.toMatchObject({ code: "timeout" });
    const none = new WebSocketLink({
      url: async () => base,
      WebSocket: undefined,
      onMessage() {},
      onClose() {},
      timers: defaultTimers,
    });
    await expect(none.open()).rejects.toMatchObject({ code: "unsupported" });
  });
});
