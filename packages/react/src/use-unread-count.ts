import type { ChatState } from "@parley/core";
import { useCallback } from "react";
import { useChatSelector } from "./use-chat-selector.js";

/**
 * Unread messages in one conversation, or, without an id, the total over all conversations.
 * A number, so a component re-renders only when the count itself changes.
 */
export function useUnreadCount(conversationId?: string): number {
  const select = useCallback(
    (state: ChatState) => {
      if (conversationId !== undefined)
        return state.conversations[conversationId]?.unreadCount ?? 0;
      let total = 0;
      for (const c of Object.values(state.conversations)) total += c.unreadCount;
      return total;
    },
    [conversationId],
  );
  return useChatSelector(select);
}
