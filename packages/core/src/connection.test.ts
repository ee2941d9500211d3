import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AdapterSession } from "./adapter.js";
import { Backoff } from "./backoff.js";
import { ConnectionManager, type ConnectionOptions } from "./connection.js";
import type { Environment } from "./environment.js";
import { ParleyError } from "./errors.js";
import type { ConnectionState } from "./model.js";

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A session whose connect() outcome each test scripts. */
function fakeSession(outcomes: Array<"ok" | ParleyError>) {
  const calls = { connect: 0, disconnect: 0 };
  const session: AdapterSession = {
    connect: () => {
      calls.connect += 1;
      const outcome = outcomes.shift() ?? "ok";
      return outcome === "ok" ? Promise.resolve() : Promise.reject(outcome);
    },
    disconnect: () => {
      calls.disconnect += 1;
    },
    send: () => Promise.resolve(null),
  };
  return { session, calls };
}

function fakeEnvironment() {
  let online = true;
  let visible = true;
  let wake = () => {};
  const environment: Environment = {
    isOnline: () => online,
    isVisible: () => visible,
    onWake: (fn) => {
      wake = fn;
      return () => {};
    },
    onOffline: () => () => {},
  };
  return {
    environment,
    setOnline(value: boolean) {
      online = value;
      if (value) wake();
    },
    setVisible(value: boolean) {
      visible = value;
      if (value) wake();
    },
  };
}

interface SetupOptions {
  refresh?: () => Promise<void>;
  /** Added to the fake session: a keepalive, or dead-link detection of its own. */
  session?: Pick<AdapterSession, "ping" | "detectsDeadLinks">;
  /** Overrides of the manager's options. */
  manager?: Partial<ConnectionOptions>;
}

function setup(outcomes: Array<"ok" | ParleyError>, options: SetupOptions = {}) {
  const fake = fakeSession(outcomes);
  const { calls } = fake;
  const session = { ...fake.session, ...options.session };
  const env = fakeEnvironment();
  const states: ConnectionState[] = [];
  const connected = vi.fn();
  const refreshToken = vi.fn(options.refresh ?? (() => Promise.resolve()));
  const manager = new ConnectionManager({
    session,
    backoff: new Backoff({ min: 1000, max: 8000, random: () => 0.5 }),
    environment: env.environment,
    timers: {
      setTimeout: (fn, ms) => setTimeout(fn, ms),
      clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
      now: () => Date.now(),
    },
    setState: (s) => states.push(s),
    refreshToken,
    onConnected: connected,
    ...options.manager,
  });
  return { manager, states, calls, connected, refreshToken, env };
}

const network = () => new ParleyError("network", "down");
const refused = () => new ParleyError("unauthorized", "bad token");

describe("ConnectionManager", () => {
  it("connects, then reconnects with growing jittered delays after failures", async () => {
    const { manager, states, calls, connected } = setup(["ok", network(), network(), "ok"]);
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(states.map((s) => s.status)).toEqual(["connecting", "connected"]);
    expect(connected).toHaveBeenCalledTimes(1);

    manager.lost(network());
    const first = states.at(-1);
    expect(first).toMatchObject({ status: "reconnecting", attempt: 1 });
    expect((first as { nextRetryAt: number }).nextRetryAt - Date.now()).toBe(500);
    await vi.advanceTimersByTimeAsync(500); // attempt fails
    expect(states.at(-1)).toMatchObject({ status: "reconnecting", attempt: 2 });
    expect((states.at(-1) as { nextRetryAt: number }).nextRetryAt - Date.now()).toBe(1500);
    await vi.advanceTimersByTimeAsync(1500); // fails again
    await vi.advanceTimersByTimeAsync(3000); // succeeds
    expect(states.at(-1)).toEqual({ status: "connected" });
    expect(calls.connect).toBe(4);
    expect(connected).toHaveBeenCalledTimes(2);
  });

  it("resets the backoff only after a stable connection", async () => {
    const { manager, states } = setup(["ok", "ok", "ok"]);
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    manager.lost(network());
    await vi.advanceTimersByTimeAsync(500);
    manager.lost(network()); // dropped again at once: the backoff keeps growing
    expect(states.at(-1)).toMatchObject({ status: "reconnecting", attempt: 2 });
    await vi.advanceTimersByTimeAsync(1500);
    await vi.advanceTimersByTimeAsync(10_000); // stable
    manager.lost(network());
    expect(states.at(-1)).toMatchObject({ status: "reconnecting", attempt: 1 });
  });

  it("refreshes the token once, then stops as unauthorized with no further attempts", async () => {
    const { manager, states, calls, refreshToken } = setup([refused(), refused(), "ok"]);
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(refreshToken).toHaveBeenCalledTimes(1);
    expect(states.at(-1)).toMatchObject({ status: "unauthorized" });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(calls.connect).toBe(2);
    // A new token (start again) connects.
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toEqual({ status: "connected" });
  });

  it("connects with a refreshed token after an expiry", async () => {
    const { manager, states, refreshToken } = setup([refused(), "ok"]);
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(refreshToken).toHaveBeenCalledTimes(1);
    expect(states.at(-1)).toEqual({ status: "connected" });
  });

  it("waits offline without attempts and reconnects at once when the network returns", async () => {
    const { manager, states, calls, env } = setup(["ok", "ok"]);
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    env.setOnline(false);
    manager.lost(network());
    expect(states.at(-1)).toEqual({ status: "offline" });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.connect).toBe(1);
    env.setOnline(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(states.at(-1)).toEqual({ status: "connected" });
  });

  it("wakes a waiting retry at once", async () => {
    const { manager, states, calls } = setup(["ok", "ok"]);
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    manager.lost(network());
    manager.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.connect).toBe(2);
    expect(states.at(-1)).toEqual({ status: "connected" });
  });

  it("treats an unanswered keepalive as a dead link", async () => {
    let answer = true;
    const { manager, states } = setup(["ok", "ok"], {
      session: { ping: () => (answer ? Promise.resolve() : new Promise<void>(() => {})) },
      manager: {
        backoff: new Backoff({ random: () => 0 }),
        heartbeat: { intervalMs: 1000, timeoutMs: 500 },
      },
    });
    manager.start();
    await vi.advanceTimersByTimeAsync(5000);
    expect(states.map((s) => s.status)).toEqual(["connecting", "connected"]);
    answer = false;
    await vi.advanceTimersByTimeAsync(1500);
    expect(states.slice(2, 3).map((s) => s.status)).toEqual(["reconnecting"]);
    answer = true;
    await vi.advanceTimersByTimeAsync(1);
    expect(states.slice(2).map((s) => s.status)).toEqual(["reconnecting", "connected"]);
  });

  it("re-establishes a link without keepalive that stays silent too long, not one that talks", async () => {
    const { manager, states, calls, connected } = setup([], {
      manager: { heartbeat: { silenceMs: 60_000 } },
    });
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    // Something arrives every 40 s: the link is alive and left alone.
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(40_000);
      manager.activity();
    }
    expect(calls.connect).toBe(1);
    // Then nothing for a minute: reconnected at once, no backoff, no error state.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls.disconnect).toBe(1);
    expect(calls.connect).toBe(2);
    expect(states.map((s) => s.status)).toEqual([
      "connecting",
      "connected",
      "connecting",
      "connected",
    ]);
    expect(connected).toHaveBeenCalledTimes(2);
  });

  it("leaves a hidden page's silent link alone until the page is shown", async () => {
    const { manager, calls, env } = setup([], { manager: { heartbeat: { silenceMs: 60_000 } } });
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    env.setVisible(false);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(calls.connect).toBe(1);
    env.setVisible(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.connect).toBe(2);
    expect(manager.current.status).toBe("connected");
  });

  it("never checks silence where the transport finds dead links itself (Socket.IO)", async () => {
    const { manager, calls } = setup([], {
      session: { detectsDeadLinks: true },
      manager: { heartbeat: { silenceMs: 1000 } },
    });
    manager.start();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(calls.connect).toBe(1);
  });

  it("never checks silence with silenceMs 0, nor where the dialect has a keepalive", async () => {
    const off = setup([], { manager: { heartbeat: { silenceMs: 0 } } });
    off.manager.start();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    off.env.setVisible(true);
    expect(off.calls.connect).toBe(1);

    const { manager, calls, env } = setup([], {
      session: { ping: () => Promise.resolve() },
      manager: { heartbeat: { silenceMs: 1000 } },
    });
    manager.start();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    env.setVisible(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.connect).toBe(1);
  });

  it("re-establishes a link without keepalive at once when a send goes unanswered", async () => {
    const { manager, calls } = setup([], { manager: { heartbeat: { silenceMs: 0 } } });
    manager.suspect(); // not connected yet: nothing to check
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.connect).toBe(1);
    manager.suspect();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.connect).toBe(2);
    expect(manager.current.status).toBe("connected");
  });

  it("probes with the keepalive at once when a send goes unanswered", async () => {
    let pings = 0;
    let answer = true;
    const ping = () => {
      pings += 1;
      return answer ? Promise.resolve() : new Promise<void>(() => {});
    };
    const { manager, calls } = setup(["ok", "ok"], {
      session: { ping },
      manager: {
        backoff: new Backoff({ random: () => 0 }),
        heartbeat: { intervalMs: 25_000, timeoutMs: 500 },
      },
    });
    manager.start();
    await vi.advanceTimersByTimeAsync(0);
    manager.suspect();
    expect(pings).toBe(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls.connect).toBe(1); // answered: the link is fine
    answer = false;
    manager.suspect();
    manager.suspect(); // one probe at a time
    expect(pings).toBe(2);
    await vi.advanceTimersByTimeAsync(600);
    expect(calls.connect).toBe(2);
  });

  it("stop() closes and ignores late outcomes", async () => {
    const { manager, states, calls } = setup([network()]);
    manager.start();
    manager.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(states.at(-1)).toEqual({ status: "closed" });
    expect(calls.connect).toBe(1);
  });
});
