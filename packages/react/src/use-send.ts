import type { Message, SendOptions } from "@parley/core";
import { useCallback } from "react";
import { useChatClient } from "./chat-provider.js";

/** Sends into one conversation; see {@link useSend}. */
export type SendFunction = (text: string, options?: SendOptions) => Message;

/**
 * A stable function that sends into a conversation. The message shows at once as `pending` and
 * queued; empty or oversize text throws a `ParleyError` before anything is sent.
 */
export function useSend(conversationId: string): SendFunction {
  const client = useChatClient();
  return useCallback(
    (text: string, options?: SendOptions) => client.send(conversationId, text, options),
    [client, conversationId],
  );
}
