import type { ChatClient, ParleyError } from "@parley/core";
import { useEffect, useState } from "react";
import { useChatClient } from "./chat-provider.js";
import { asParleyError } from "./errors.js";

/**
 * Where opening a conversation is: nothing to open (no id), its newest page loading, loaded,
 * or refused.
 */
export type OpenStatus = "idle" | "opening" | "open" | "failed";

/** What {@link useOpenConversation} answers. */
export interface OpenConversationState {
  status: OpenStatus;
  /** Why opening failed, when `status` is `failed`. */
  error: ParleyError | null;
}

interface Opened {
  users: number;
  ready: Promise<void>;
}

// The client watches a conversation once however many components show it: count the users and
// close only when the last one leaves.
const opened = new WeakMap<ChatClient, Map<string, Opened>>();

function acquire(client: ChatClient, conversationId: string): Promise<void> {
  const byId = opened.get(client) ?? new Map<string, Opened>();
  opened.set(client, byId);
  const entry = byId.get(conversationId);
  if (entry) {
    entry.users += 1;
    return entry.ready;
  }
  const ready = client.openConversation(conversationId);
  byId.set(conversationId, { users: 1, ready });
  return ready;
}

function release(client: ChatClient, conversationId: string): void {
  const byId = opened.get(client);
  const entry = byId?.get(conversationId);
  if (!byId || !entry) return;
  entry.users -= 1;
  if (entry.users > 0) return;
  byId.delete(conversationId);
  client.closeConversation(conversationId);
}

const idle: OpenConversationState = Object.freeze({ status: "idle", error: null });
const opening: OpenConversationState = Object.freeze({ status: "opening", error: null });

/**
 * Opens a conversation while the component is mounted: live events and, when none are loaded,
 * its newest messages. Closes it on unmount or when the id changes (a null id opens nothing and
 * answers `idle`).
 * Several components may open the same conversation; it closes when the last one unmounts.
 */
export function useOpenConversation(
  conversationId: string | null | undefined,
): OpenConversationState {
  const client = useChatClient();
  const [state, setState] = useState<(OpenConversationState & { id: string }) | null>(null);
  useEffect(() => {
    if (!conversationId) return;
    let current = true;
    acquire(client, conversationId).then(
      () => current && setState({ id: conversationId, status: "open", error: null }),
      (error: unknown) =>
        current && setState({ id: conversationId, status: "failed", error: asParleyError(error) }),
    );
    return () => {
      current = false;
      release(client, conversationId);
    };
  }, [client, conversationId]);
  if (!conversationId) return idle;
  return state && state.id === conversationId ? state : opening;
}
