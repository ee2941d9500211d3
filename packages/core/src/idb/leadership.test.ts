import { FakeLocks } from "@parley/test-kit";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type Bus, broadcastLeadership, lockLeadership } from "./leadership.js";

/** A BroadcastChannel in memory: delivers to every other member, synchronously. */
function busNetwork() {
  const members = new Set<{ deliver: (m: unknown) => void }>();
  return (): Bus & { leave(): void } => {
    const listeners = new Set<(m: unknown) => void>();
    const me = {
      deliver: (m: unknown) => {
        for (const listener of listeners) listener(m);
      },
    };
    members.add(me);
    return {
      post: (m) => {
        if (!members.has(me)) return; // crashed
        for (const member of members) if (member !== me) member.deliver(m);
      },
      listen: (l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      },
      leave: () => members.delete(me),
    };
  };
}

describe("lockLeadership (Web Locks)", () => {
  it("gives the lead to one tab, then to the next when it stops", async () => {
    const locks = new FakeLocks();
    const a = lockLeadership(locks, "db");
    const b = lockLeadership(locks, "db");
    const seen: string[] = [];
    a.start((leading) => seen.push(`a ${leading}`));
    b.start((leading) => seen.push(`b ${leading}`));
    await Promise.resolve();
    expect(seen).toEqual(["a true"]);
    a.stop();
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(["a true", "b true"]);
  });

  it("stops waiting when stopped before it leads", async () => {
    const locks = new FakeLocks();
    const a = lockLeadership(locks, "db");
    const b = lockLeadership(locks, "db");
    const seen: string[] = [];
    a.start((leading) => seen.push(`a ${leading}`));
    b.start((leading) => seen.push(`b ${leading}`));
    b.stop();
    a.stop();
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(["a true"]);
  });
});

describe("broadcastLeadership (fallback)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const timers = {
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (t: unknown) => clearTimeout(t as number),
    now: () => Date.now(),
  };

  it("elects one leader among tabs that start together", () => {
    const join = busNetwork();
    const leaders = new Set<string>();
    for (const id of ["c", "a", "b"]) {
      broadcastLeadership({ bus: join(), timers, id }).start((leading) => {
        if (leading) leaders.add(id);
        else leaders.delete(id);
      });
    }
    vi.advanceTimersByTime(2000);
    expect([...leaders]).toEqual(["a"]);
  });

  it("a tab that joins later follows the leader", () => {
    const join = busNetwork();
    const seen: string[] = [];
    broadcastLeadership({ bus: join(), timers, id: "b" }).start((l) => seen.push(`b ${l}`));
    vi.advanceTimersByTime(1000);
    broadcastLeadership({ bus: join(), timers, id: "a" }).start((l) => seen.push(`a ${l}`));
    vi.advanceTimersByTime(10_000);
    expect(seen).toEqual(["b true"]);
  });

  it("hands over at once when the leader resigns, and after missed heartbeats when it dies", () => {
    const join = busNetwork();
    const seen: string[] = [];
    const a = broadcastLeadership({ bus: join(), timers, id: "a" });
    a.start((l) => seen.push(`a ${l}`));
    vi.advanceTimersByTime(1000);
    const bBus = join();
    const b = broadcastLeadership({ bus: bBus, timers, id: "b" });
    b.start((l) => seen.push(`b ${l}`));
    const c = broadcastLeadership({ bus: join(), timers, id: "c" });
    c.start((l) => seen.push(`c ${l}`));
    vi.advanceTimersByTime(1000);
    a.stop();
    vi.advanceTimersByTime(400);
    expect(seen).toEqual(["a true", "b true"]);

    // b crashes: no resign, its heartbeats just stop.
    bBus.leave();
    vi.advanceTimersByTime(2500);
    expect(seen).toEqual(["a true", "b true"]);
    vi.advanceTimersByTime(1000);
    expect(seen).toEqual(["a true", "b true", "c true"]);
  });
});
