import type { Presence } from "@parley/core";
import { useCapabilities, usePresence } from "@parley/react";
import { useWidgets } from "./context.js";
import type { PresenceBadgeProps } from "./props.js";
import type { WidgetStrings } from "./strings.js";

/** What a presence says, in one word of the widgets' own: `data-state` of the badge. */
export type PresenceState = "online" | "away" | "busy" | "offline" | "unknown";

// Backends name the same states differently; anything else online reads as online.
const statusWords: Record<string, PresenceState> = {
  away: "away",
  idle: "away",
  busy: "busy",
  dnd: "busy",
  "do-not-disturb": "busy",
  offline: "offline",
  invisible: "offline",
};

/** The state a presence shows: a backend's status (`away`, `busy`...) refines online. */
export function presenceState(presence: Presence | undefined): PresenceState {
  if (presence === undefined) return "unknown";
  if (!presence.online) return "offline";
  const status = presence.status?.toLowerCase();
  return (status && statusWords[status]) || "online";
}

function labelOf(
  state: PresenceState,
  presence: Presence | undefined,
  strings: WidgetStrings,
  relative: (iso: string) => string,
): string {
  if (state === "offline" && presence?.lastSeenAt)
    return strings.lastSeen(relative(presence.lastSeenAt));
  return state === "unknown" ? strings.offline : strings[state];
}

/**
 * A user's presence as a dot (with an accessible label) and optionally text, in words of the
 * active locale: Online, Away, Busy, Offline or "Last seen 5 minutes ago". Renders nothing where
 * the backend has no presence. `data-state`: {@link PresenceState}; `data-status` keeps the
 * backend's own status for styling.
 */
export function PresenceBadge({ userId, showLabel = false, className }: PresenceBadgeProps) {
  const capabilities = useCapabilities();
  const presence = usePresence(userId);
  const { strings, format } = useWidgets();
  if (!capabilities.presence) return null;
  const state = presenceState(presence);
  const label = labelOf(state, presence, strings, format.relative);
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
