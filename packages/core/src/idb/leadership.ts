import { defaultRandom, type Timers } from "../environment.js";

/**
 * Decides which tab transmits the outbox. `start` reports every change through `onChange`;
 * `stop` hands leadership over (the next tab takes it at once) and reports nothing more.
 */
export interface Leadership {
  start(onChange: (leading: boolean) => void): void;
  stop(): void;
}

/** The part of `navigator.locks` used here. */
export interface LockManagerLike {
  request(
    name: string,
    options: { signal?: AbortSignal },
    callback: (lock: unknown) => Promise<void>,
  ): Promise<unknown>;
}

/**
 * Web Locks: the tab holding the lock leads until it closes or stops; the browser gives the
 * lock to the next waiting tab, even when the leader crashed. Exact: never two leaders.
 */
export function lockLeadership(locks: LockManagerLike, name: string): Leadership {
  const abort = new AbortController();
  let release = () => {};
  let stopped = false;
  return {
    start(onChange) {
      locks
        .request(name, { signal: abort.signal }, () => {
          if (stopped) return Promise.resolve();
          onChange(true);
          return new Promise<void>((resolve) => {
            release = resolve;
          });
        })
        .catch(() => {}); // aborted while waiting: stopped
    },
    stop() {
      stopped = true;
      abort.abort();
      release();
    },
  };
}

/** One tab alone (no storage shared with others): it always leads. */
export function soleLeadership(): Leadership {
  return { start: (onChange) => onChange(true), stop() {} };
}

/** A message bus between tabs (a BroadcastChannel in browsers). */
export interface Bus {
  post(message: unknown): void;
  /** Answers the unsubscribe. */
  listen(listener: (message: unknown) => void): () => void;
}

export interface BroadcastLeadershipOptions {
  bus: Bus;
  timers: Timers;
  /** This tab's id; on a tie the smallest id wins. */
  id: string;
  /** How often the leader says it is alive. @default 1000 */
  heartbeatMs?: number;
  /** Heartbeats missed before followers elect a new leader. @default 3 */
  missed?: number;
  /** How long a claim waits for objections. @default 250 */
  claimMs?: number;
  /** Randomness in [0, 1), to spread the claims after a resignation. @default defaultRandom */
  random?: () => number;
}

type Signal = { leadership: "heartbeat" | "claim" | "resign" | "probe"; id: string };

const isSignal = (value: unknown): value is Signal =>
  typeof value === "object" &&
  value !== null &&
  typeof (value as Signal).leadership === "string" &&
  typeof (value as Signal).id === "string";

/**
 * The fallback where Web Locks are missing: the leader sends heartbeats; when they stop (or it
 * resigns), tabs claim leadership and the smallest id wins. A crashed leader is replaced after
 * `heartbeatMs * missed`; for a moment two tabs may both lead, which the outbox survives by
 * checking history before it resends anything another tab put on the wire.
 */
export function broadcastLeadership(options: BroadcastLeadershipOptions): Leadership {
  const { bus, timers, id } = options;
  const heartbeatMs = options.heartbeatMs ?? 1000;
  const watchdogMs = heartbeatMs * (options.missed ?? 3);
  const claimMs = options.claimMs ?? 250;
  const random = options.random ?? defaultRandom;
  let state: "follower" | "claiming" | "leader" | "stopped" = "follower";
  let timer: unknown;
  let notify: (leading: boolean) => void = () => {};
  let unlisten = () => {};

  const send = (leadership: Signal["leadership"]) => bus.post({ leadership, id });
  const wait = (ms: number, then: () => void) => {
    timers.clearTimeout(timer);
    timer = timers.setTimeout(then, ms);
  };
  const follow = () => {
    const was = state;
    state = "follower";
    wait(watchdogMs, claim);
    if (was === "leader") notify(false);
  };
  const claim = () => {
    state = "claiming";
    send("claim");
    wait(claimMs, lead);
  };
  const lead = () => {
    state = "leader";
    notify(true);
    beat();
  };
  const beat = () => {
    send("heartbeat");
    wait(heartbeatMs, beat);
  };

  const onSignal = (signal: Signal) => {
    if (state === "stopped" || signal.id === id) return;
    switch (signal.leadership) {
      case "heartbeat":
        // Another leader: the smallest id keeps leading.
        if (state === "leader" && id < signal.id) send("heartbeat");
        else follow();
        break;
      case "claim":
        if (state === "leader") send("heartbeat");
        else if (state === "claiming" && signal.id < id) follow();
        break;
      case "probe":
        if (state === "leader") send("heartbeat");
        break;
      case "resign":
        if (state === "follower") wait(random() * 50, claim);
        break;
    }
  };

  return {
    start(onChange) {
      notify = onChange;
      unlisten = bus.listen((message) => {
        if (isSignal(message)) onSignal(message);
      });
      // Ask for a leader; claim when none answers.
      send("probe");
      wait(claimMs, claim);
    },
    stop() {
      if (state === "leader") send("resign");
      state = "stopped";
      timers.clearTimeout(timer);
      unlisten();
    },
  };
}
