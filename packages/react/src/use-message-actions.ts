import type { Attachment, Message } from "@parley/core";
import { useMemo } from "react";
import { useChatClient } from "./chat-provider.js";

/** What can be done to messages; see {@link useMessageActions}. */
export interface MessageActions {
  /** Sends a `failed` message again. */
  retry(clientId: string): void;
  /** Drops a `failed` (or still queued) message. */
  discard(clientId: string): void;
  /** Replaces a message's text; rejects with `unsupported` where the backend cannot edit. */
  edit(message: Message, text: string): Promise<Message>;
  /** Deletes a message; rejects with `unsupported` where the backend cannot delete. */
  remove(message: Message): Promise<void>;
  /** Marks a conversation read (its unread count drops to 0 at once). */
  markRead(conversationId: string): Promise<void>;
  /** Uploads a file for an attachment, reporting progress from 0 to 1. */
  upload(file: Blob, name: string, onProgress?: (fraction: number) => void): Promise<Attachment>;
}

/** Message actions bound to the provider's client; the object keeps its identity. */
export function useMessageActions(): MessageActions {
  const client = useChatClient();
  return useMemo(
    () => ({
      retry: (clientId) => client.retry(clientId),
      discard: (clientId) => client.discard(clientId),
      edit: (message, text) => client.edit(message, text),
      remove: (message) => client.delete(message),
      markRead: (conversationId) => client.markRead(conversationId),
      upload: (file, name, onProgress) => client.upload(file, name, onProgress),
    }),
    [client],
  );
}
