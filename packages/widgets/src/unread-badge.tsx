import { useUnreadCount } from "@parley/react";
import { useWidgets } from "./context.js";
import type { UnreadBadgeProps } from "./props.js";

/** The unread count as a small badge; nothing when it is 0. `data-state` is `unread`. */
export function UnreadBadge({ conversationId, max = 99, className }: UnreadBadgeProps) {
  const count = useUnreadCount(conversationId);
  const { strings, format } = useWidgets();
  if (count <= 0) return null;
  const shown = count > max ? `${format.number(max)}+` : format.number(count);
  return (
    <span
      className={className ? `parley-unread ${className}` : "parley-unread"}
      data-state="unread"
    >
      <span aria-hidden="true">{shown}</span>
      <span className="parley-visually-hidden">{strings.unread(count, format.number(count))}</span>
    </span>
  );
}
