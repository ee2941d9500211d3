import { describe, expect, it } from "vitest";
import { Backoff } from "./backoff.js";

describe("Backoff", () => {
  it("grows the ceiling exponentially up to max, with full jitter", () => {
    const top = new Backoff({ min: 100, max: 1000, factor: 2, random: () => 0.999999 });
    expect([1, 2, 3, 4, 5, 6].map(() => top.duration())).toEqual([99, 199, 399, 799, 999, 999]);
    const bottom = new Backoff({ min: 100, random: () => 0 });
    expect([bottom.duration(), bottom.duration()]).toEqual([0, 0]);
    const mid = new Backoff({ min: 100, random: () => 0.5 });
    expect([mid.duration(), mid.duration(), mid.duration()]).toEqual([50, 100, 200]);
  });

  it("starts over after reset", () => {
    const backoff = new Backoff({ min: 100, random: () => 0.5 });
    backoff.duration();
    backoff.duration();
    expect(backoff.attempts).toBe(2);
    backoff.reset();
    expect(backoff.attempts).toBe(0);
    expect(backoff.duration()).toBe(50);
  });
});
