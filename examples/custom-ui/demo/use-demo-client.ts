import type { ChatClient } from "@parley/core";
import { useEffect, useState } from "react";
import type { DemoConfig, DemoUser, Dialect } from "./config.js";
import { makeClient } from "./make-client.js";

/**
 * One connected client while mounted: made (its adapter loads on demand), connected, and
 * destroyed on unmount or when the user or dialect changes. Null until it is made.
 */
export function useDemoClient(config: DemoConfig, user: DemoUser, dialect: Dialect) {
  const [client, setClient] = useState<ChatClient | null>(null);
  useEffect(() => {
    let made: ChatClient | null = null;
    let gone = false;
    makeClient(config, dialect, user).then(
      (next) => {
        if (gone) return;
        made = next;
        next.connect();
        setClient(next);
      },
      (error: unknown) => console.error("Parley demo: could not make the client", error),
    );
    return () => {
      gone = true;
      made?.destroy();
      setClient(null);
    };
  }, [config, user, dialect]);
  return client;
}
