import type { ConnectionState } from "@parley/core";
import { useConnection } from "@parley/react";
import { useEffect, useState } from "react";
import { useWidgets } from "./context.js";

/** Props of {@link ConnectionBanner}. */
export interface ConnectionBannerProps {
  /** Also render (hidden) while connected or idle, e.g. to animate. @default false */
  alwaysRender?: boolean;
  className?: string;
}

/** Seconds until a reconnect is due, re-rendered every second while reconnecting. */
function useSecondsUntil(state: ConnectionState): number | null {
  const [now, setNow] = useState(() => Date.now());
  const due = state.status === "reconnecting" ? state.nextRetryAt : null;
  useEffect(() => {
    if (due === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [due]);
  if (due === null) return null;
  const seconds = Math.ceil((due - now) / 1000);
  return seconds > 0 ? seconds : null;
}

/**
 * Tells the user when the connection is not up: connecting, reconnecting (with the attempt and a
 * countdown), offline, unauthorized or closed. `data-state` is the connection status; announced
 * politely.
 */
export function ConnectionBanner({ alwaysRender = false, className }: ConnectionBannerProps) {
  const connection = useConnection();
  const { strings, format } = useWidgets();
  const seconds = useSecondsUntil(connection);
  const quiet = connection.status === "connected" || connection.status === "idle";
  if (quiet && !alwaysRender) return null;
  const text =
    connection.status === "reconnecting"
      ? strings.reconnecting(
          format.number(connection.attempt),
          seconds === null ? null : format.number(seconds),
        )
      : strings.connection[connection.status];
  return (
    <div
      className={className ? `parley-banner ${className}` : "parley-banner"}
      data-state={connection.status}
      role="status"
      hidden={quiet}
    >
      {quiet ? null : text}
    </div>
  );
}
