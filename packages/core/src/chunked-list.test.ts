import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ChunkedList,
  emptyList,
  firstWhere,
  itemAt,
  listSize,
  pushItems,
  spliceList,
} from "./chunked-list.js";

const listOf = (items: readonly number[]) =>
  items.reduce<ChunkedList<number>>((list, item, i) => spliceList(list, i, 0, [item]), emptyList);

type Op =
  | { kind: "insert"; at: number; value: number }
  | { kind: "append"; value: number }
  | { kind: "set"; at: number; value: number }
  | { kind: "remove"; at: number }
  | { kind: "many"; at: number; values: number[] };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), value: fc.integer() }),
  fc.record({ kind: fc.constant("append" as const), value: fc.integer() }),
  fc.record({ kind: fc.constant("set" as const), at: fc.nat(), value: fc.integer() }),
  fc.record({ kind: fc.constant("remove" as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant("many" as const),
    at: fc.nat(),
    values: fc.array(fc.integer(), { maxLength: 300 }),
  }),
);

function apply(list: ChunkedList<number>, model: number[], o: Op): ChunkedList<number> {
  const size = model.length;
  switch (o.kind) {
    case "insert": {
      const at = o.at % (size + 1);
      model.splice(at, 0, o.value);
      return spliceList(list, at, 0, [o.value]);
    }
    case "append":
      model.push(o.value);
      return spliceList(list, size, 0, [o.value]);
    case "set":
      if (size === 0) return list;
      model[o.at % size] = o.value;
      return spliceList(list, o.at % size, 1, [o.value]);
    case "many": {
      // Half of them at the end (a burst), the others anywhere.
      const at = o.at % 2 === 0 ? size : o.at % (size + 1);
      model.splice(at, 0, ...o.values);
      return spliceList(list, at, 0, o.values);
    }
    case "remove":
      if (size === 0) return list;
      model.splice(o.at % size, 1);
      return spliceList(list, o.at % size, 1);
  }
}

/** Every chunk holds 1 to 64 items, every branch 2 to 32 children (1 only below the root) and their size. */
function checkShape(node: ChunkedList<number>, root = true): number {
  if (Array.isArray(node)) {
    expect(node.length).toBeLessThanOrEqual(64);
    if (!root) expect(node.length).toBeGreaterThan(0);
    return node.length;
  }
  const { size, children } = node as unknown as { size: number; children: ChunkedList<number>[] };
  expect(children.length).toBeLessThanOrEqual(32);
  expect(children.length).toBeGreaterThan(root ? 1 : 0);
  expect(children.reduce((n, c) => n + checkShape(c, false), 0)).toBe(size);
  return size;
}

describe("ChunkedList", () => {
  it("behaves as an array under any sequence of changes, and never changes an older list", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer(), { maxLength: 3000 }),
        fc.array(op, { maxLength: 300 }),
        (start, ops) => {
          let list = listOf(start);
          const model = [...start];
          for (const o of ops) {
            const before = list;
            const expected = [...model];
            list = apply(list, model, o);
            expect(pushItems(before, [])).toEqual(expected);
          }
          expect(listSize(list)).toBe(model.length);
          expect(checkShape(list)).toBe(model.length);
          expect(pushItems(list, [])).toEqual(model);
          model.forEach((value, i) => {
            if (i % 97 === 0) expect(itemAt(list, i)).toBe(value);
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it("finds the first item that passes a monotone test", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1000), { maxLength: 5000 }), fc.nat(1001), (items, limit) => {
        const sorted = [...items].sort((a, b) => a - b);
        let list: ChunkedList<number> = emptyList;
        for (const item of sorted) list = spliceList(list, listSize(list), 0, [item]);
        const expected = sorted.findIndex((x) => x >= limit);
        expect(firstWhere(list, (x) => x >= limit)).toBe(expected < 0 ? sorted.length : expected);
      }),
      { numRuns: 60 },
    );
  });

  it("packs chunks when built by appending, and stays shallow", () => {
    let list: ChunkedList<number> = emptyList;
    for (let i = 0; i < 100_000; i++) list = spliceList(list, i, 0, [i]);
    expect(listSize(list)).toBe(100_000);
    expect(itemAt(list, 65_537)).toBe(65_537);
    let depth = 0;
    for (
      let node = list;
      !Array.isArray(node);
      node = (node as unknown as { children: ChunkedList<number>[] })
        .children[0] as ChunkedList<number>
    )
      depth += 1;
    expect(depth).toBeLessThanOrEqual(3);
    // Full chunks: 100,000 / 64 leaves, so the leaf count says nothing was split in half.
    const leaves = (node: ChunkedList<number>): number =>
      Array.isArray(node)
        ? 1
        : (node as unknown as { children: ChunkedList<number>[] }).children.reduce(
            (n, c) => n + leaves(c),
            0,
          );
    expect(leaves(list)).toBe(Math.ceil(100_000 / 64));
  });
});
