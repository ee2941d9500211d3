import { useMe } from "@parley/react";
import { useWidgets } from "../context.js";
import type { ReplyQuoteProps } from "../props.js";

/** The quoted original above a reply (text only, one line). */
export function ReplyQuote({ target, senderName }: ReplyQuoteProps) {
  const { strings } = useWidgets();
  const me = useMe();
  // A quote of the user's own message names them as everywhere else: "You".
  const sender = target && me !== null && target.senderId === me ? strings.you : senderName;
  const text = !target
    ? strings.replyToUnknown
    : target.deleted
      ? strings.deleted
      : target.text || strings.attachmentPreview;
  return (
    <blockquote className="parley-reply" data-state={target ? "loaded" : "missing"}>
      {sender && <span className="parley-reply__sender">{sender}</span>}
      <span className="parley-reply__text" dir="auto">
        {text}
      </span>
    </blockquote>
  );
}
