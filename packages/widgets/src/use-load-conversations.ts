import { useCapabilities, useChatClient, useChatSelector, useConnection } from "@parley/react";
import { useEffect } from "react";

const selectLoaded = (state: { conversationsLoaded: boolean }) => state.conversationsLoaded;

/**
 * Loads the conversation list once connected, where the backend has one and it is not loaded
 * yet (the client then reloads it after every reconnection). Answers whether it is loaded.
 */
export function useLoadConversations(enabled: boolean): boolean {
  const client = useChatClient();
  const { conversationList } = useCapabilities();
  const connected = useConnection().status === "connected";
  const loaded = useChatSelector(selectLoaded);
  useEffect(() => {
    if (enabled && conversationList && connected && !loaded)
      void client.loadConversations().catch(() => {});
  }, [enabled, conversationList, connected, loaded, client]);
  return loaded;
}
