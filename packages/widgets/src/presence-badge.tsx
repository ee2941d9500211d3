import { useCapabilities, usePresence } from "@parley/react";
import { useWidgets } from "./context.js";
import type { PresenceBadgeProps } from "./props.js";

/**
 * A user's online state as a dot (with an accessible label) and optionally text. Renders nothing
 * where the backend has no presence. `data-state`: `online`, `offline` or `unknown`.
 */
export function PresenceBadge({ userId, showLabel = false, className }: PresenceBadgeProps) {
  const capabilities = useCapabilities();
  const presence = usePresence(userId);
  const { strings, format } = useWidgets();
  if (!capabilities.presence) return null;
  const state = presence === undefined ? "unknown" : presence.online ? "online" : "offline";
  let label = state === "online" ? strings.online : strings.offline;
  if (presence?.online && presence.status) label = presence.status;
  if (presence && !presence.online && presence.lastSeenAt)
    label = strings.lastSeen(format.dateTime(presence.lastSeenAt));
  if (state === "unknown") label = strings.offline;
  return (
    <span
      className={className ? `parley-presence ${className}` : "parley-presence"}
      data-state={state}
      data-status={presence?.status}
    >
      <span className="parley-presence__dot" role="img" aria-label={label} />
      {showLabel && <span className="parley-presence__label">{label}</span>}
    </span>
  );
}
