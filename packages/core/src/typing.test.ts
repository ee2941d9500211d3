import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { defaultTimers } from "./environment.js";
import { TypingSender, TypingTracker } from "./typing.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("TypingSender", () => {
  it("sends one start, refreshes at most every refreshMs, and stops after idle", () => {
    const signals: Array<[string, boolean, number]> = [];
    const sender = new TypingSender((c, t) => signals.push([c, t, Date.now()]), {
      refreshMs: 3000,
      idleMs: 5000,
      ...defaultTimers,
    });
    const start = Date.now();
    for (let i = 0; i < 40; i++) {
      sender.keystroke("c1");
      vi.advanceTimersByTime(200); // 8 s of steady typing
    }
    expect(signals.filter(([, t]) => t).map(([, , at]) => at - start)).toEqual([0, 3000, 6000]);
    expect(signals.some(([, t]) => !t)).toBe(false);
    vi.advanceTimersByTime(5000);
    expect(signals.at(-1)?.slice(0, 2)).toEqual(["c1", false]);
    expect(signals.filter(([, t]) => !t)).toHaveLength(1);
  });

  it("stops at once on send and not again on idle; stop without typing sends nothing", () => {
    const signals: Array<[string, boolean]> = [];
    const sender = new TypingSender((c, t) => signals.push([c, t]), defaultTimers);
    sender.stop("c1");
    expect(signals).toEqual([]);
    sender.keystroke("c1");
    sender.keystroke("c2");
    sender.stop("c1");
    vi.advanceTimersByTime(60_000);
    expect(signals).toEqual([
      ["c1", true],
      ["c2", true],
      ["c1", false],
      ["c2", false],
    ]);
  });
});

describe("TypingTracker", () => {
  it("expires a typing state whose stop never came, and refreshes on repeat", () => {
    const states: Array<[string, string, boolean]> = [];
    const tracker = new TypingTracker(
      (c, u, t) => states.push([c, u, t]),
      8000,
      defaultTimers.setTimeout,
      defaultTimers.clearTimeout,
    );
    tracker.signal("c1", "bob", true);
    vi.advanceTimersByTime(6000);
    tracker.signal("c1", "bob", true); // refresh
    vi.advanceTimersByTime(6000);
    expect(states.filter(([, , t]) => !t)).toHaveLength(0);
    vi.advanceTimersByTime(2000);
    expect(states.at(-1)).toEqual(["c1", "bob", false]);
  });

  it("clears the expiry on an explicit stop", () => {
    const states: boolean[] = [];
    const tracker = new TypingTracker(
      (_c, _u, t) => states.push(t),
      1000,
      defaultTimers.setTimeout,
      defaultTimers.clearTimeout,
    );
    tracker.signal("c1", "bob", true);
    tracker.signal("c1", "bob", false);
    vi.advanceTimersByTime(5000);
    expect(states).toEqual([true, false]);
  });
});
