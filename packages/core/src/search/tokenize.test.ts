import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fold } from "./fold.js";
import { defaultSegmenter, termsOf, tokenize } from "./tokenize.js";

describe("fold", () => {
  it("drops case, accents, width and ligatures", () => {
    expect(fold("Café")).toBe("cafe");
    expect(fold("ÉCOLE")).toBe("ecole");
    expect(fold("ｃａｆé")).toBe("cafe");
    expect(fold("ﬁn")).toBe("fin");
    expect(fold("Straße")).toBe("strasse");
    expect(fold("São João")).toBe("sao joao");
    expect(fold("Ñandú")).toBe("nandu");
  });

  it("drops Arabic vowel marks but keeps Japanese voicing", () => {
    expect(fold("مَرْحَبًا")).toBe("مرحبا");
    expect(fold("ガラス")).toBe("ガラス");
    expect(fold("ｶﾞﾗｽ")).toBe("ガラス");
  });

  it("is idempotent", () => {
    fc.assert(fc.property(fc.string({ unit: "grapheme" }), (s) => fold(fold(s)) === fold(s)));
  });
});

describe("tokenize", () => {
  it("splits on spaces and punctuation and keeps the original offsets", () => {
    const text = "Héllo, wörld! 42x";
    expect(tokenize(text)).toEqual([
      { term: "hello", start: 0, end: 5 },
      { term: "world", start: 7, end: 12 },
      { term: "42x", start: 14, end: 17 },
    ]);
  });

  it("cuts Chinese and Japanese runs into character pairs without a segmenter", () => {
    expect(termsOf("東京都に")).toEqual(["東京", "京都", "都に", "に"]);
    expect(termsOf("我")).toEqual(["我"]);
    // Mixed scripts in one run: Latin stays a word.
    expect(termsOf("iPhone新品")).toEqual(["iphone", "新品", "品"]);
  });

  it("uses a segmenter for Chinese and Japanese when given one", () => {
    const segmenter = defaultSegmenter();
    if (!segmenter) return; // a platform without Intl.Segmenter: the pairs above apply
    const terms = termsOf("東京に行きました", segmenter);
    expect(terms).toContain("東京");
    expect(terms.join("")).toBe("東京に行きました");
  });

  it("gives tokens whose offsets cover their original word", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (text) => {
        let last = 0;
        for (const token of tokenize(text)) {
          expect(token.start).toBeGreaterThanOrEqual(0);
          expect(token.end).toBeLessThanOrEqual(text.length);
          expect(token.term).toBe(token.term.trim());
          expect(token.term.length).toBeGreaterThan(0);
          // Pairs overlap by one character at most; other words are in order.
          expect(token.start).toBeGreaterThanOrEqual(last - 2);
          last = token.end;
          // The folded original (less spaces a decomposition left) begins with the term.
          const original = fold(text.slice(token.start, token.end)).replace(/\s/gu, "");
          expect(original.startsWith(token.term.slice(0, 1))).toBe(true);
        }
      }),
    );
  });

  it("keeps no space a compatibility decomposition leaves in a term", () => {
    // U+037A decomposes to a space and a combining mark.
    expect(tokenize("ͺ")).toEqual([]);
    expect(tokenize("aͺb").map((t) => t.term)).toEqual(["ab"]);
  });

  it("finds a word typed in another case or without its accents", () => {
    // Latin-1 letters (÷ sits among them and is not one).
    const word = fc.stringMatching(/^[a-zà-öø-ÿ]{1,8}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 6 }), fc.nat(), (words, pick) => {
        const chosen = words[pick % words.length] as string;
        const typed = chosen.normalize("NFD").replace(/\p{M}/gu, "").toUpperCase();
        const [term] = termsOf(typed);
        expect(termsOf(words.join(" ")).some((t) => term !== undefined && t.startsWith(term))).toBe(
          true,
        );
      }),
    );
  });
});
