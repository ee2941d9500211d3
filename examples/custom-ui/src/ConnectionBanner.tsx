import type { ConnectionState } from "@parley/core";
import { useConnection } from "@parley/react";

function describe(connection: ConnectionState): string {
  switch (connection.status) {
    case "idle":
    case "connecting":
      return "Connecting…";
    case "connected":
      return "Connected";
    case "reconnecting":
      return `Connection lost: reconnecting (attempt ${connection.attempt})…`;
    case "offline":
      return "You are offline. Messages you send wait here and go out when you are back.";
    case "unauthorized":
      return `Not authorized: ${connection.reason}`;
    case "closed":
      return "Disconnected";
  }
}

/** The connection as one line; loud unless connected. */
export function ConnectionBanner() {
  const connection = useConnection();
  return (
    <div className="banner" data-connection={connection.status} role="status">
      {describe(connection)}
    </div>
  );
}
