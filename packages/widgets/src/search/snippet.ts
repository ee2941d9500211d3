import type { MatchRange } from "@parley/core/search";

/** A stretch of a message's text to show in a result, with its match ranges moved along. */
export interface Snippet {
  text: string;
  ranges: MatchRange[];
  /** Text was left out before / after. */
  before: boolean;
  after: boolean;
}

/**
 * At most `max` characters of `text` around its first match (a little context before it), so
 * a hit deep in a long message still shows its match. Never cuts a surrogate pair.
 */
export function snippet(text: string, ranges: readonly MatchRange[], max = 160): Snippet {
  if (text.length <= max) return { text, ranges: [...ranges], before: false, after: false };
  const first = ranges[0]?.start ?? 0;
  let start = Math.max(0, Math.min(first - Math.floor(max / 4), text.length - max));
  // Start at a word when one begins shortly before.
  const space = text.lastIndexOf(" ", first);
  if (space >= start && space < first) start = Math.max(start, space + 1);
  if (isLowSurrogate(text.charCodeAt(start))) start += 1;
  let end = Math.min(text.length, start + max);
  if (isLowSurrogate(text.charCodeAt(end))) end -= 1;
  const shown = ranges
    .filter((r) => r.end > start && r.start < end)
    .map((r) => ({ start: Math.max(r.start, start) - start, end: Math.min(r.end, end) - start }));
  return {
    text: text.slice(start, end),
    ranges: shown,
    before: start > 0,
    after: end < text.length,
  };
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;
