import { describe, expect, it } from "vitest";
import { Backoff } from "./backoff.js";

describe("Backoff", () => {
  it("spreads the first attempt over [0, min], then waits half to all of a growing window", () => {
    const top = new Backoff({ min: 100, max: 1000, factor: 2, random: () => 0.999999 });
    expect([1, 2, 3, 4, 5, 6].map(() => top.duration())).toEqual([99, 199, 399, 799, 999, 999]);
    const bottom = new Backoff({ min: 100, random: () => 0 });
    expect([bottom.duration(), bottom.duration(), bottom.duration()]).toEqual([0, 100, 200]);
    const mid = new Backoff({ min: 100, random: () => 0.5 });
    expect([mid.duration(), mid.duration(), mid.duration()]).toEqual([50, 150, 300]);
  });

  it("keeps a crowd dropped at once to one attempt each in the first window, spread evenly", () => {
    // 400 clients lose the server at t=0 and it stays down: when does each attempt come?
    let seed = 7;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const attempts: number[] = [];
    for (let client = 0; client < 400; client++) {
      const backoff = new Backoff({ min: 1000, max: 30_000, random });
      let at = 0;
      while (at < 10_000) {
        at += backoff.duration();
        attempts.push(at);
      }
    }
    const inFirstSecond = attempts.filter((t) => t < 1000).length;
    expect(inFirstSecond).toBe(400); // exactly one each, never two
    const perTenth = Array.from(
      { length: 10 },
      (_, i) => attempts.filter((t) => t >= i * 100 && t < (i + 1) * 100).length,
    );
    expect(Math.max(...perTenth)).toBeLessThan(400 * 0.2); // no tenth of a second takes a fifth
    for (let second = 1; second < 10; second++) {
      const load = attempts.filter((t) => t >= second * 1000 && t < (second + 1) * 1000).length;
      expect(load).toBeLessThanOrEqual(400);
    }
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
