import type { ChatState } from "@parley/core";
import { useCallback, useEffect, useMemo } from "react";
import { useChatClient } from "./chat-provider.js";
import { shallowArrayEqual } from "./equality.js";
import { useChatSelector } from "./use-chat-selector.js";

/** What a composer calls; see {@link useTyping}. */
export interface TypingControls {
  /** Call on every keystroke: the client debounces it into few "typing" signals. */
  onKeystroke(): void;
  /** Says "stopped" now (on blur or clear); sending a message stops typing by itself. */
  stop(): void;
}

/**
 * Typing signals for a composer. The callbacks keep their identity while the conversation stays
 * the same; typing stops when the composer unmounts or moves to another conversation.
 */
export function useTyping(conversationId: string): TypingControls {
  const client = useChatClient();
  useEffect(() => () => client.stopTyping(conversationId), [client, conversationId]);
  return useMemo(
    () => ({
      onKeystroke: () => client.typing(conversationId),
      stop: () => client.stopTyping(conversationId),
    }),
    [client, conversationId],
  );
}

const none: readonly string[] = Object.freeze([]);

/**
 * Ids of the other users typing in a conversation now, in the order they started. The array
 * keeps its reference while nobody starts or stops, whatever happens elsewhere.
 */
export function useTypingUsers(conversationId: string): readonly string[] {
  const select = useCallback(
    (state: ChatState) => {
      const users = state.typing[conversationId] ?? none;
      // Some servers echo our own typing back; a UI never shows it.
      return state.me !== null && users.includes(state.me)
        ? users.filter((u) => u !== state.me)
        : users;
    },
    [conversationId],
  );
  return useChatSelector(select, shallowArrayEqual);
}
