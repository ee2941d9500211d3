import type { Message } from "@parley/core";
import { describe, expect, it } from "vitest";
import { buildRows, indexById } from "./grouping.js";

const at = (iso: string, senderId: string, n: number): Message => ({
  clientId: `c${n}`,
  id: `s${n}`,
  conversationId: "x",
  senderId,
  text: `m${n}`,
  createdAt: new Date(iso).toISOString(),
  status: "sent",
});

describe("buildRows", () => {
  it("adds a separator per local day and groups runs from one sender", () => {
    const rows = buildRows([
      at("2025-03-03T09:00:00", "ana", 1),
      at("2025-03-03T09:01:00", "ana", 2),
      at("2025-03-03T09:02:00", "me", 3),
      at("2025-03-03T09:30:00", "me", 4),
      at("2025-03-04T09:00:00", "me", 5),
    ]);
    expect(rows.map((r) => (r.kind === "day" ? `day ${r.day}` : r.key))).toEqual([
      "day 2025-03-03",
      "c1",
      "c2",
      "c3",
      "c4",
      "day 2025-03-04",
      "c5",
    ]);
    const flags = rows.flatMap((r) =>
      r.kind === "message" ? [[r.key, r.groupStart, r.groupEnd]] : [],
    );
    expect(flags).toEqual([
      ["c1", true, false],
      ["c2", false, true],
      ["c3", true, true], // 28 minutes before the next: a new group
      ["c4", true, true], // next is another day
      ["c5", true, true],
    ]);
  });

  it("keeps keys stable when older messages are prepended", () => {
    const later = [at("2025-03-03T09:00:00", "ana", 3)];
    const before = buildRows(later).map((r) => r.key);
    const after = buildRows([at("2025-03-03T08:58:00", "me", 2), ...later]).map((r) => r.key);
    expect(after.slice(-1)).toEqual(before.slice(-1));
    expect(after[0]).toBe(before[0]); // same day: the separator keeps its key and stays first
  });

  it("indexes messages by server id", () => {
    const m = at("2025-03-03T09:00:00", "ana", 7);
    expect(indexById([m]).get("s7")).toBe(m);
  });
});
