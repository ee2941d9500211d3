import { safeUrl } from "./url.js";

/** A piece of message text: plain text, or a link whose `href` passed {@link safeUrl}. */
export type TextPart =
  | { kind: "text"; text: string }
  | { kind: "link"; text: string; href: string };

// Candidates only start with an allowed scheme; safeUrl still has the last word.
const CANDIDATE = /\b(?:https?:\/\/|mailto:)[^\s<>"'`]+/gi;
// Punctuation that ends a sentence rather than a URL ("see https://x.y.").
const TRAILING = /[.,;:!?)\]}]+$/;

/** Splits text into text and link parts; nothing is ever interpreted as markup. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index ?? 0;
    let candidate = match[0];
    const trailing = TRAILING.exec(candidate);
    if (trailing) candidate = candidate.slice(0, candidate.length - trailing[0].length);
    const href = safeUrl(candidate, "link", "https://invalid.invalid/");
    if (!href || candidate.length === 0) continue;
    if (start > last) parts.push({ kind: "text", text: text.slice(last, start) });
    parts.push({ kind: "link", text: candidate, href });
    last = start + candidate.length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}
