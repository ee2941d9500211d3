import { describe, expect, it } from "vitest";
import { matchRanges } from "./match-ranges.js";
import { termsOf } from "./tokenize.js";

const marked = (text: string, query: string) =>
  matchRanges(text, termsOf(query))
    .map((r) => text.slice(r.start, r.end))
    .join("|");

describe("matchRanges", () => {
  it("covers whole words and the typed part of a prefix", () => {
    expect(marked("Hello world, hello!", "hello")).toBe("Hello|hello");
    expect(marked("Wonderful world", "wor")).toBe("wor");
    expect(marked("nothing here", "xyz")).toBe("");
  });

  it("maps folded prefixes back to the original text", () => {
    expect(marked("Élégant café", "ele")).toBe("Élé");
    expect(marked("Cafe\u0301 au lait", "cafe")).toBe("Cafe\u0301");
    expect(marked("Straße", "stras")).toBe("Straß");
  });

  it("joins overlapping character pairs of Chinese and Japanese", () => {
    expect(marked("我住在東京都", "京都")).toBe("京都");
    expect(marked("我住在東京都", "東京都")).toBe("東京都");
  });

  it("keeps Arabic matches on the original letters", () => {
    expect(marked("مَرْحَبًا بِكُم", "مرحبا")).toBe("مَرْحَبًا");
  });
});
