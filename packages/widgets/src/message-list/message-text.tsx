import { useMemo } from "react";
import { linkify } from "../linkify.js";
import type { MessageTextProps } from "../props.js";

/**
 * A message's text, rendered as text: never parsed as HTML. Only `http:`, `https:` and `mailto:`
 * URLs become links, opening in a new tab without access to this page.
 */
export function MessageText({ text }: MessageTextProps) {
  const parts = useMemo(() => linkify(text), [text]);
  return (
    <p className="parley-message__text" dir="auto">
      {parts.map((part, i) =>
        part.kind === "link" ? (
          <a
            // biome-ignore lint/suspicious/noArrayIndexKey: parts never reorder
            key={i}
            className="parley-message__link"
            href={part.href}
            target="_blank"
            rel="noopener noreferrer"
          >
            {part.text}
          </a>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts never reorder
          <span key={i}>{part.text}</span>
        ),
      )}
    </p>
  );
}
