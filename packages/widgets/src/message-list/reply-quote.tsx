import type { Message } from "@parley/core";
import { useWidgets } from "../context.js";

/** Props of {@link ReplyQuote}. */
export interface ReplyQuoteProps {
  /** The message replied to, when it is loaded. */
  target: Message | undefined;
  /** Its sender's display name. */
  senderName: string | undefined;
}

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
