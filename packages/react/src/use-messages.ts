import {
  type ChatClient,
  type ChatState,
  emptyThread,
  type Message,
  type ParleyError,
} from "@parley/core";
import { useCallback, useState } from "react";
import { useChatClient } from "./chat-provider.js";
import { asParleyError } from "./errors.js";
import { useChatSelector } from "./use-chat-selector.js";

/** What {@link useMessages} answers. */
export interface MessagesResult {
  /** Display order: confirmed messages in server order, then pending and failed ones. */
  messages: readonly Message[];
  /** Older history may exist on the server (always false where the backend has no history). */
  hasMore: boolean;
  /**
   * Loads the next older page; resolves with whether more remain (false after a failure, which
   * lands in `error`). Never rejects. A call while a load of this conversation is running
   * answers that load's promise instead of starting another.
   */
  loadOlder(): Promise<boolean>;
  /** A `loadOlder` started here is running. */
  loadingOlder: boolean;
  /** Why the last `loadOlder` failed; null once one succeeds. */
  error: ParleyError | null;
}

// One running load per client and conversation, shared by every component that asks.
const running = new WeakMap<ChatClient, Map<string, Promise<boolean>>>();

function loadOnce(client: ChatClient, conversationId: string): Promise<boolean> {
  const loads = running.get(client) ?? new Map<string, Promise<boolean>>();
  running.set(client, loads);
  let load = loads.get(conversationId);
  if (!load) {
    load = client.loadOlder(conversationId).finally(() => loads.delete(conversationId));
    loads.set(conversationId, load);
  }
  return load;
}

const selectHistory = (state: ChatState) => state.capabilities.history;

interface Paging {
  conversationId: string;
  loading: boolean;
  error: ParleyError | null;
}

/**
 * The messages of a conversation, with paging backwards. `messages` keeps its reference until
 * this conversation's thread changes. Pair it with {@link useOpenConversation} to receive live
 * events and the newest page.
 */
export function useMessages(conversationId: string): MessagesResult {
  const client = useChatClient();
  const select = useCallback(
    (state: ChatState) => state.threads[conversationId] ?? emptyThread,
    [conversationId],
  );
  const thread = useChatSelector(select);
  const history = useChatSelector(selectHistory);
  const [paging, setPaging] = useState<Paging | null>(null);

  const loadOlder = useCallback(async () => {
    const update = (next: Paging) =>
      setPaging((p) => (p && p.conversationId !== conversationId ? p : next));
    setPaging({ conversationId, loading: true, error: null });
    try {
      const more = await loadOnce(client, conversationId);
      update({ conversationId, loading: false, error: null });
      return more;
    } catch (error) {
      update({ conversationId, loading: false, error: asParleyError(error) });
      return false;
    }
  }, [client, conversationId]);

  const mine = paging?.conversationId === conversationId ? paging : null;
  return {
    messages: thread.messages,
    hasMore: history && thread.hasMore,
    loadOlder,
    loadingOlder: mine?.loading ?? false,
    error: mine?.error ?? null,
  };
}
