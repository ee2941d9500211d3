import type { ConnectionState } from "@parley/core";
import { useConnection } from "@parley/react";
import { useEffect, useState } from "react";
import { useWidgets } from "./context.js";
import type { ConnectionBannerProps } from "./props.js";

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

const isTransient = (status: ConnectionState["status"]) =>
  status === "connecting" || status === "reconnecting";

/** True during the first `graceMs` of re-establishing a link that was up. */
function useGrace(status: ConnectionState["status"], graceMs: number): boolean {
  const [previous, setPrevious] = useState(status);
  const [holding, setHolding] = useState(false);
  if (status !== previous) {
    // Adjusting state while rendering: the banner never flashes before the grace starts.
    setPrevious(status);
    setHolding(graceMs > 0 && isTransient(status) && (holding || previous === "connected"));
  }
  useEffect(() => {
    if (!holding) return;
    const timer = setTimeout(() => setHolding(false), graceMs);
    return () => clearTimeout(timer);
  }, [holding, graceMs]);
  return holding;
}

/**
 * Tells the user when the connection is not up: connecting, reconnecting (with the attempt and a
 * countdown), offline, unauthorized or closed; a quick reconnect of a link that was up shows
 * nothing. `data-state` is the connection status; announced politely.
 */
export function ConnectionBanner({
  alwaysRender = false,
  className,
  graceMs = 1500,
}: ConnectionBannerProps) {
  const connection = useConnection();
  const { strings, format } = useWidgets();
  const seconds = useSecondsUntil(connection);
  const holding = useGrace(connection.status, graceMs);
  const quiet = connection.status === "connected" || connection.status === "idle" || holding;
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
