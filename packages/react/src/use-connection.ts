import type { Capabilities, ChatState, ConnectionState } from "@parley/core";
import { useChatSelector } from "./use-chat-selector.js";

const selectConnection = (state: ChatState) => state.connection;
const selectMe = (state: ChatState) => state.me;
const selectCapabilities = (state: ChatState) => state.capabilities;

/**
 * The connection as one named state (`idle`, `connecting`, `connected`, `reconnecting` with
 * `attempt` and `nextRetryAt`, `offline`, `unauthorized`, `closed`).
 */
export function useConnection(): ConnectionState {
  return useChatSelector(selectConnection);
}

/** Our own user id, or null until the server has said who we are. */
export function useMe(): string | null {
  return useChatSelector(selectMe);
}

/**
 * What the backend can do (history, typing, edit, ...), so a UI can hide the rest. An adapter
 * may widen it once connected, when the server offers an extension.
 */
export function useCapabilities(): Capabilities {
  return useChatSelector(selectCapabilities);
}
