import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limiter.js";

describe("RateLimiter", () => {
  it("allows a burst, refuses beyond it, and refills at the sustained rate", () => {
    let now = 0;
    const limiter = new RateLimiter(2, 3, () => now);
    expect([limiter.take(), limiter.take(), limiter.take()]).toEqual([true, true, true]);
    expect(limiter.take()).toBe(false);
    expect(limiter.strikes).toBe(1);
    now += 500; // one token back at 2/s
    expect(limiter.take()).toBe(true);
    expect(limiter.take()).toBe(false);
    now += 10_000; // never above the burst
    expect([limiter.take(), limiter.take(), limiter.take(), limiter.take()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });
});
