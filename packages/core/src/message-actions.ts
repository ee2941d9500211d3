import type { ClientParts } from "./client-parts.js";
import type { SendOptions } from "./client-types.js";
import { checkText, composeOutgoing, localMessage } from "./compose.js";
import { ParleyError } from "./errors.js";
import type { Attachment, Message } from "./model.js";

const DEFAULT_MAX_TEXT = 4000;

/** Shows the message at once as pending and hands it to the outbox; throws on bad text. */
export function sendMessage(
  parts: ClientParts,
  conversationId: string,
  text: string,
  options: SendOptions = {},
): Message {
  const { outbox, store, timers } = parts;
  checkText(text, parts.options.maxTextLength ?? DEFAULT_MAX_TEXT, options.attachments);
  const createId = parts.options.createId ?? (() => globalThis.crypto.randomUUID());
  const outgoing = composeOutgoing(createId(), conversationId, text, options);
  parts.typingSender.stop(conversationId);
  // The outbox publishes the new entry; the store shows it from that change.
  outbox.enqueue(outgoing);
  const queuedAt = outbox.get(outgoing.clientId)?.queuedAt ?? timers.now();
  return localMessage(outgoing, store.getState().me ?? "", queuedAt, "pending");
}

/** Sends a failed message again. */
export function retryMessage(parts: ClientParts, clientId: string): void {
  parts.outbox.retry(clientId);
}

/** Forgets a failed (or never sent) message. */
export function discardMessage(parts: ClientParts, clientId: string): void {
  parts.outbox.discard(clientId);
}

/** Edits a message on the server, then shows the server's copy. */
export async function editMessage(
  parts: ClientParts,
  message: Message,
  text: string,
): Promise<Message> {
  const { session } = parts;
  if (!session.edit)
    throw new ParleyError("unsupported", `${parts.options.adapter.name} cannot edit messages`);
  checkText(text, parts.options.maxTextLength ?? DEFAULT_MAX_TEXT);
  const updated = await session.edit(message, text);
  parts.events.dispatch({ type: "message", message: updated });
  return updated;
}

/** Deletes a message on the server, then marks it deleted here. */
export async function deleteMessage(parts: ClientParts, message: Message): Promise<void> {
  const { session } = parts;
  if (!session.delete)
    throw new ParleyError("unsupported", `${parts.options.adapter.name} cannot delete messages`);
  await session.delete(message);
  if (message.id !== undefined) {
    const { conversationId, id: messageId } = message;
    parts.events.dispatch({ type: "deleted", conversationId, messageId });
  }
}

/** Uploads a file with the app's upload function, or the dialect's upload endpoint. */
export function uploadFile(
  parts: ClientParts,
  file: Blob,
  name: string,
  onProgress?: (fraction: number) => void,
): Promise<Attachment> {
  const { options, session } = parts;
  if (options.upload) return options.upload(file, name, onProgress);
  if (!session.upload)
    return Promise.reject(new ParleyError("unsupported", `${options.adapter.name} has no upload`));
  return session.upload(file, name, onProgress);
}
