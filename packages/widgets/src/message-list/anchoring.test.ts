import { describe, expect, it } from "vitest";
import {
  type Anchor,
  captureAnchor,
  type LaidOutRow,
  prependedCount,
  restoreScrollTop,
} from "./anchoring.js";

const layout = (keys: string[], height = 50): LaidOutRow[] =>
  keys.map((key, i) => ({ key, start: i * height, end: (i + 1) * height }));
const startIn = (rows: LaidOutRow[]) => (key: string) => rows.find((r) => r.key === key)?.start;
const isMessage = (key: string) => !key.startsWith("day:");

describe("scroll anchoring", () => {
  it("anchors to the first row visible at the top", () => {
    const rows = layout(["a", "b", "c", "d"]);
    expect(captureAnchor(rows, 0)).toEqual({ key: "a", offset: 0 });
    expect(captureAnchor(rows, 70)).toEqual({ key: "b", offset: 20 });
    expect(captureAnchor([], 0)).toBeNull();
  });

  it("skips day separators: they move when an older page of the same day arrives", () => {
    const before = layout(["day:3", "m171", "m172"], 40);
    const anchor = captureAnchor(before, 0, isMessage) as Anchor;
    expect(anchor).toEqual({ key: "m171", offset: -40 });
    // 30 older messages of the same day: the separator moves above them, m171 moves down.
    const after = layout(
      ["day:3", ...Array.from({ length: 30 }, (_, i) => `m${141 + i}`), "m171", "m172"],
      40,
    );
    const top = restoreScrollTop(anchor, startIn(after)) as number;
    // m171 is exactly as far from the view's top as before (40px below it).
    expect((startIn(after)("m171") as number) - top).toBe(40);
  });

  it("keeps the anchored row in place when older rows are prepended", () => {
    const anchor = captureAnchor(layout(["m10", "m11", "m12"]), 60); // 10px into m11
    const after = layout(["m7", "m8", "m9", "m10", "m11", "m12"]);
    expect(restoreScrollTop(anchor, startIn(after))).toBe(210); // m11 now starts at 200
    expect(
      prependedCount(
        "m10",
        after.map((r) => r.key),
      ),
    ).toBe(3);
  });

  it("keeps the row in place when a row above grows (a late image)", () => {
    const anchor = captureAnchor(layout(["a", "b", "c"]), 120); // 20px into c
    const grown: LaidOutRow[] = [
      { key: "a", start: 0, end: 250 }, // the image in a loaded: 200px taller
      { key: "b", start: 250, end: 300 },
      { key: "c", start: 300, end: 350 },
    ];
    expect(restoreScrollTop(anchor, startIn(grown))).toBe(320);
  });

  it("does nothing when the anchor is gone or nothing was prepended", () => {
    expect(restoreScrollTop({ key: "x", offset: 3 }, () => undefined)).toBeNull();
    expect(restoreScrollTop(null, () => 0)).toBeNull();
    expect(prependedCount("gone", ["a", "b"])).toBe(0);
    expect(prependedCount("a", ["a", "b"])).toBe(0);
    expect(prependedCount(undefined, ["a"])).toBe(0);
  });
});
