import { fold } from "./fold.js";
import { tokenize, type WordSegmenter } from "./tokenize.js";

/** A stretch of a message's text that matched, to highlight: UTF-16 offsets, end exclusive. */
export interface MatchRange {
  start: number;
  end: number;
}

/**
 * Where the query's words match in `text`: for each word of the text that starts with a query
 * word, the part of it the query covers (the whole word, or its beginning for a prefix), in the
 * original text's offsets. Sorted, not overlapping.
 */
export function matchRanges(
  text: string,
  terms: readonly string[],
  segmenter: WordSegmenter | null = null,
): MatchRange[] {
  const ranges: MatchRange[] = [];
  for (const token of tokenize(text, segmenter)) {
    let longest = 0;
    for (const term of terms) {
      if (term.length > longest && token.term.startsWith(term)) longest = term.length;
    }
    if (longest === 0) continue;
    const end =
      longest === token.term.length ? token.end : prefixEnd(text, token.start, token.end, longest);
    const last = ranges.at(-1);
    if (last && token.start < last.end) last.end = Math.max(last.end, end);
    else ranges.push({ start: token.start, end });
  }
  return ranges;
}

/** Where, in the original word at `start`..`end`, its folded form reaches `length` characters. */
function prefixEnd(text: string, start: number, end: number, length: number): number {
  let at = start;
  while (at < end) {
    const code = text.codePointAt(at) as number;
    at += code > 0xffff ? 2 : 1;
    // Marks after a letter belong to it.
    while (at < end && /\p{M}/u.test(text[at] as string)) at += 1;
    if (fold(text.slice(start, at)).length >= length) return at;
  }
  return end;
}
