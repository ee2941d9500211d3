import type { ChatState, Presence } from "@parley/core";
import { useCallback } from "react";
import { useChatSelector } from "./use-chat-selector.js";

/**
 * A user's online state (and status, where the backend has one), or undefined while unknown.
 * Re-renders only when this user's presence changes.
 */
export function usePresence(userId: string): Presence | undefined {
  const select = useCallback((state: ChatState) => state.presence[userId], [userId]);
  return useChatSelector(select);
}
