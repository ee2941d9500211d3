import { describe, expect, it } from "vitest";
import { DeliveryGate } from "./delivery-gate.js";

describe("DeliveryGate", () => {
  it("delivers at once when open and in order after a pause", () => {
    const gate = new DeliveryGate();
    const seen: number[] = [];
    gate.run(() => seen.push(1));
    gate.pause();
    gate.run(() => seen.push(2));
    gate.run(() => {
      throw new Error("socket gone");
    });
    gate.run(() => seen.push(3));
    expect(seen).toEqual([1]);
    gate.resume();
    expect(seen).toEqual([1, 2, 3]);
    expect(gate.isPaused).toBe(false);
  });
});
