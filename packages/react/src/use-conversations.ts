import type { ChatState, Conversation } from "@parley/core";
import { useCallback } from "react";
import { shallowArrayEqual } from "./equality.js";
import { useChatSelector } from "./use-chat-selector.js";

const activity = (c: Conversation) => {
  const time = c.lastMessage ? Date.parse(c.lastMessage.createdAt) : Number.NaN;
  return Number.isNaN(time) ? -Infinity : time;
};

// Sorted once per conversations record, however many components ask.
const sortedCache = new WeakMap<ChatState["conversations"], Conversation[]>();

function selectSorted(state: ChatState): Conversation[] {
  let sorted = sortedCache.get(state.conversations);
  if (!sorted) {
    sorted = Object.values(state.conversations).sort(
      (a, b) => activity(b) - activity(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    sortedCache.set(state.conversations, sorted);
  }
  return sorted;
}

/**
 * Every known conversation, most recent activity first (`lastMessage.createdAt`; those without
 * messages last). The array keeps its reference until a conversation changes or moves.
 */
export function useConversations(): readonly Conversation[] {
  return useChatSelector(selectSorted, shallowArrayEqual);
}

/**
 * One conversation, or undefined while the client knows nothing of it. Re-renders only when
 * this conversation changes, not when others do.
 */
export function useConversation(conversationId: string): Conversation | undefined {
  const select = useCallback(
    (state: ChatState) => state.conversations[conversationId],
    [conversationId],
  );
  return useChatSelector(select);
}
