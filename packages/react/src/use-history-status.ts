import type { ChatState, HistoryStatus } from "@parley/core";
import { useCallback } from "react";
import { useChatSelector } from "./use-chat-selector.js";

/**
 * Why a conversation's history could not be read just now, or null when nothing is wrong:
 * `{ error, failures, retryAt }` while the client tries again (live messages still arrive).
 * `loadOlder` from {@link useMessages} tries at once. A backend that has no history for us says
 * so through `useCapabilities().history` instead.
 */
export function useHistoryStatus(conversationId: string): HistoryStatus | null {
  const select = useCallback(
    (state: ChatState) => state.historyStatus[conversationId] ?? null,
    [conversationId],
  );
  return useChatSelector(select);
}
