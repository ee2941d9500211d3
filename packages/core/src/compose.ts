import type { OutgoingMessage } from "./adapter.js";
import type { SendOptions } from "./client-types.js";
import { ParleyError } from "./errors.js";
import type { Attachment, Message } from "./model.js";

/**
 * Checks a text before it is sent or saved as an edit: a string, not blank unless files go
 * with it, no longer than the limit.
 */
export function checkText(text: string, maxLength: number, attachments?: Attachment[]): void {
  if (typeof text !== "string")
    throw new ParleyError("invalid-input", "Message text must be a string");
  if (text.trim() === "" && !attachments?.length) {
    throw new ParleyError("invalid-input", "Message text is empty");
  }
  if (text.length > maxLength) {
    throw new ParleyError(
      "payload-too-large",
      `Message text is longer than ${maxLength} characters`,
    );
  }
}

/** What the outbox hands the adapter for one send. */
export function composeOutgoing(
  clientId: string,
  conversationId: string,
  text: string,
  options: SendOptions = {},
): OutgoingMessage {
  return {
    clientId,
    conversationId,
    text,
    ...(options.replyTo ? { replyTo: options.replyTo } : {}),
    ...(options.attachments ? { attachments: options.attachments } : {}),
    ...(options.extra ? { extra: options.extra } : {}),
  };
}

/**
 * The message a thread shows for an outgoing one until the server confirms it: the same fields,
 * timed when it was queued. One builder for a new send, a restored one and another tab's.
 */
export function localMessage(
  outgoing: OutgoingMessage,
  senderId: string,
  queuedAt: number,
  status: "pending" | "failed",
): Message {
  const { clientId, conversationId, text, replyTo, attachments, extra } = outgoing;
  return {
    clientId,
    conversationId,
    senderId,
    text,
    createdAt: new Date(queuedAt).toISOString(),
    status,
    ...(replyTo ? { replyTo } : {}),
    ...(attachments ? { attachments } : {}),
    ...(extra ? { extra } : {}),
  };
}
