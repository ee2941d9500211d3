import { expect, it } from "vitest";
import { Emitter } from "./emitter.js";

it("keeps emitting to other listeners when one throws, and reports the error", () => {
  const errors: unknown[] = [];
  const emitter = new Emitter<{ ping: number }>((e) => errors.push(e));
  const seen: number[] = [];
  emitter.on("ping", () => {
    throw new Error("app bug");
  });
  const off = emitter.on("ping", (n) => seen.push(n));
  expect(() => emitter.emit("ping", 1)).not.toThrow();
  off();
  emitter.emit("ping", 2);
  expect(seen).toEqual([1]);
  expect(errors).toHaveLength(2);
});
