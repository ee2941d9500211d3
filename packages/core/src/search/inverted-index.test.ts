import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvertedIndex } from "./inverted-index.js";

describe("InvertedIndex", () => {
  // Adds and removals interleaved with lookups (which merge new words into the sorted
  // vocabulary and compact emptied ones) answer as a plain map of sets does.
  it("agrees with a map of sets under adds, removals and lookups", () => {
    const word = fc.stringMatching(/^[a-c]{1,3}$/);
    const op = fc.oneof(
      fc.record({
        kind: fc.constant("add" as const),
        words: fc.uniqueArray(word, { maxLength: 4 }),
      }),
      fc.record({ kind: fc.constant("remove" as const), pick: fc.nat() }),
      fc.record({
        kind: fc.constant("lookup" as const),
        prefix: fc.stringMatching(/^[a-c]{0,2}$/),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const index = new InvertedIndex();
        const model = new Map<number, readonly string[]>();
        let next = 0;
        const expected = (prefix: string) =>
          [...model].filter(([, ws]) => ws.some((w) => w.startsWith(prefix))).map(([d]) => d);
        for (const o of ops) {
          if (o.kind === "add") {
            index.add(next, o.words);
            model.set(next++, o.words);
          } else if (o.kind === "remove") {
            const docs = [...model.keys()];
            if (docs.length === 0) continue;
            const doc = docs[o.pick % docs.length] as number;
            index.remove(doc, model.get(doc) as string[]);
            model.delete(doc);
          } else {
            expect(index.withPrefix(o.prefix)).toEqual(expected(o.prefix));
          }
        }
        const words = new Set([...model.values()].flat());
        expect(index.words).toBe(words.size);
        for (const w of words) expect(index.withPrefix(w)).toEqual(expected(w));
      }),
      { numRuns: 300 },
    );
  });
});
