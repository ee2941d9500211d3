import type { AdapterSession } from "./adapter.js";
import type { TokenSource } from "./auth.js";
import { Backoff } from "./backoff.js";
import type { ChatClientOptions } from "./client-types.js";
import { ConnectionManager } from "./connection.js";
import { defaultEnvironment, type Timers } from "./environment.js";
import { ParleyError } from "./errors.js";
import type { ConnectionState } from "./model.js";

/** What the connection manager reports to the rest of the client. */
export interface ConnectionHooks {
  setState(state: ConnectionState): void;
  onConnected(): void;
}

/** The client's connection manager, from the app's options (backoff, heartbeat, environment). */
export function createConnection(
  options: ChatClientOptions,
  session: AdapterSession,
  tokens: TokenSource,
  clock: { timers: Timers; random: () => number },
  hooks: ConnectionHooks,
): ConnectionManager {
  return new ConnectionManager({
    session,
    backoff: new Backoff({ min: 1000, random: clock.random, ...options.backoff }),
    environment: options.environment ?? defaultEnvironment(),
    timers: clock.timers,
    heartbeat: options.heartbeat,
    refreshToken: async () => {
      if (!tokens.refreshable) throw new ParleyError("unauthorized", "The token was refused");
      // A refused connection refused the socket's token (the REST calls refresh their own).
      await tokens.get({ refresh: true, purpose: "socket" });
    },
    ...hooks,
  });
}
