import type { MessageStatus as Status } from "@parley/core";
import { useWidgets } from "../context.js";
import type { MessageStatusProps } from "../props.js";

const GLYPHS: Record<Status, string> = {
  pending: "◷",
  sent: "✓",
  delivered: "✓✓",
  read: "✓✓",
  failed: "!",
  unconfirmed: "?",
};

/** The ticks of one of our messages, with an accessible name; `data-state` is the status. */
export function MessageStatus({ status }: MessageStatusProps) {
  const { strings } = useWidgets();
  return (
    <span
      className="parley-status"
      data-state={status}
      role="img"
      aria-label={strings.status[status]}
    >
      <span aria-hidden="true">{GLYPHS[status]}</span>
    </span>
  );
}
