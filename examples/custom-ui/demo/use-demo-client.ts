import type { ChatClient } from "@parley/core";
import { useEffect, useState } from "react";
import type { DemoConfig, DemoUser, Dialect } from "./config.js";
import { makeClient } from "./make-client.js";

/** One connected client while mounted: made, connected, and destroyed on unmount. */
export function useDemoClient(config: DemoConfig, user: DemoUser, dialect: Dialect) {
  const [client, setClient] = useState<ChatClient | null>(null);
  useEffect(() => {
    const next = makeClient(config, dialect, user);
    next.connect();
    setClient(next);
    return () => next.destroy();
  }, [config, user, dialect]);
  return client;
}
