import { fold } from "./fold.js";

/** One word of a text: its folded form and where it stands in the original text. */
export interface Token {
  /** The folded word ({@link fold}). */
  term: string;
  /** UTF-16 offsets in the original text, end exclusive. */
  start: number;
  end: number;
}

/** Splits a run of Chinese or Japanese characters into words (`Intl.Segmenter`, where there is one). */
export type WordSegmenter = (run: string) => Iterable<{ segment: string; index: number }>;

// Runs of letters, marks and digits; everything else separates words.
const words = /[\p{L}\p{M}\p{N}]+/gu;
// Scripts written without spaces between words.
const unspaced = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;

let platformSegmenter: WordSegmenter | null | undefined;

/**
 * The platform's word segmenter for Chinese and Japanese, or null where `Intl.Segmenter` is
 * missing (then runs are cut into character pairs). Built once, on first use.
 */
export function defaultSegmenter(): WordSegmenter | null {
  if (platformSegmenter !== undefined) return platformSegmenter;
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  if (!Segmenter) platformSegmenter = null;
  else {
    const segmenter = new Segmenter("ja", { granularity: "word" });
    platformSegmenter = (run) => segmenter.segment(run);
  }
  return platformSegmenter;
}

/**
 * The words of a text, in order, with their places. Letters and digits make words; spaces and
 * punctuation separate them. Chinese and Japanese runs, which have no spaces, are split by
 * `segmenter` when given, else into overlapping pairs of characters (the last one alone), so
 * any part of a run can be found.
 */
export function tokenize(text: string, segmenter: WordSegmenter | null = null): Token[] {
  const tokens: Token[] = [];
  for (const word of text.matchAll(words)) {
    const at = word.index;
    const value = word[0];
    let last = 0;
    for (const run of value.matchAll(unspaced)) {
      if (run.index > last) push(tokens, value.slice(last, run.index), at + last);
      unspacedWords(tokens, run[0], at + run.index, segmenter);
      last = run.index + run[0].length;
    }
    if (last < value.length) push(tokens, value.slice(last), at + last);
  }
  return tokens;
}

function push(tokens: Token[], word: string, start: number): void {
  // A compatibility decomposition may leave a space (ͺ is a space and a mark): never in a term.
  const term = fold(word).replace(/\s/gu, "");
  if (term.length > 0) tokens.push({ term, start, end: start + word.length });
}

function unspacedWords(
  tokens: Token[],
  run: string,
  start: number,
  segmenter: WordSegmenter | null,
): void {
  if (segmenter) {
    for (const { segment, index } of segmenter(run)) push(tokens, segment, start + index);
    return;
  }
  // Every character starts a word (the last one alone), so a one-character query finds it too.
  const chars = Array.from(run);
  let offset = 0;
  for (let i = 0; i < chars.length; i++) {
    const pair = chars.slice(i, i + 2).join("");
    push(tokens, pair, start + offset);
    offset += (chars[i] as string).length;
  }
}

/** The distinct folded words of a text: what an index files it under. */
export function termsOf(text: string, segmenter: WordSegmenter | null = null): string[] {
  return [...new Set(tokenize(text, segmenter).map((token) => token.term))];
}
