/**
 * The one place that decides whether a URL from a message, a profile or an attachment may reach
 * the DOM as an `href` or `src`. Everything else renders as text.
 */

/** `link`: a clickable link in message text or a file; `media`: an image or avatar source. */
export type UrlUse = "link" | "media";

const ALLOWED: Record<UrlUse, ReadonlySet<string>> = {
  link: new Set(["http:", "https:", "mailto:"]),
  media: new Set(["http:", "https:"]),
};

// C0 controls and space: the URL parser strips them at the edges and drops tabs and newlines
// inside, so "java\tscript:" would parse as javascript:. We refuse such input outright.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * The normalized URL when `raw` is safe to use as a link (`http:`, `https:`, `mailto:`) or media
 * source (`http:`, `https:`), else null. Relative URLs resolve against `base` (by default the
 * document's base URL; without a document they are refused). The answer is the parser's own
 * serialization, so what reaches the DOM is exactly what was checked.
 */
export function safeUrl(raw: unknown, use: UrlUse = "link", base?: string): string | null {
  if (typeof raw !== "string") return null;
  const text = raw.trim();
  if (text === "" || CONTROL.test(text)) return null;
  const against = base ?? (typeof document === "undefined" ? undefined : document.baseURI);
  let url: URL;
  try {
    url = against === undefined ? new URL(text) : new URL(text, against);
  } catch {
    return null;
  }
  if (!ALLOWED[use].has(url.protocol)) return null;
  // A link or image may not carry credentials ("https://bank.com@evil.example").
  if (url.username !== "" || url.password !== "") return null;
  return url.href;
}
