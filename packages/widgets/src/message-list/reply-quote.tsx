import { useWidgets } from "../context.js";
import type { ReplyQuoteProps } from "../props.js";

/** The quoted original above a reply (text only, one line). */
export function ReplyQuote({ target, senderName }: ReplyQuoteProps) {
  const { strings } = useWidgets();
  const text = !target
    ? strings.replyToUnknown
    : target.deleted
      ? strings.deleted
      : target.text || strings.attachmentPreview;
  return (
    <blockquote className="parley-reply" data-state={target ? "loaded" : "missing"}>
      {senderName && <span className="parley-reply__sender">{senderName}</span>}
      <span className="parley-reply__text" dir="auto">
        {text}
      </span>
    </blockquote>
  );
}
