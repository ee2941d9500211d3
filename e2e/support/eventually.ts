import { expect } from "vitest";

/** Polls until the expectation holds (what a browser shows arrives when it arrives). */
export const eventually = <T>(read: () => Promise<T>) =>
  expect.poll(read, { timeout: 30_000, interval: 100 });
