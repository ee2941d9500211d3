import type { MatchRange } from "@parley/core/search";

/** Props of {@link HighlightedText}. */
export interface HighlightedTextProps {
  text: string;
  /** Stretches of `text` to mark, sorted and not overlapping. */
  ranges: readonly MatchRange[];
  className?: string;
}

/**
 * Text with its matches in `<mark>`: every part is rendered as text, never parsed as HTML, so a
 * message's markup shows as typed.
 */
export function HighlightedText({ text, ranges, className }: HighlightedTextProps) {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const range of ranges) {
    if (range.start < at || range.end <= range.start) continue;
    if (range.start > at) parts.push({ text: text.slice(at, range.start), marked: false });
    parts.push({ text: text.slice(range.start, range.end), marked: true });
    at = range.end;
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false });
  return (
    <span className={className} dir="auto">
      {parts.map((part, i) =>
        part.marked ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts never reorder
          <mark key={i} className="parley-search__match">
            {part.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts never reorder
          <span key={i}>{part.text}</span>
        ),
      )}
    </span>
  );
}
