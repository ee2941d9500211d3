import { z } from "zod";

const userId = z.string().min(1).max(128);
/** `appointment_id` / `service_id`: strings in the seed; optional because not every chat has one. */
const reference = z.string().max(128).nullable().optional();

/** `join_room` and `leave_room`: `{user_id}`, the room is that user's id. */
export const roomPayload = z.object({ user_id: userId });

/** `send_message`, exactly the seed example's fields. */
export const sendMessagePayload = z.object({
  receiver_id: userId,
  message_text: z.string(),
  appointment_id: reference,
  service_id: reference,
});

/** `typing`: `{receiver_id, is_typing}` as in the seed example. */
export const typingPayload = z.object({ receiver_id: userId, is_typing: z.boolean() });

/** `mark_read`: whose messages the caller has read. */
export const markReadPayload = z.object({ sender_id: userId });

/** Error detail for a payload that failed `schema`, in FastAPI's plain words. */
export function payloadError(event: string, error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return `Invalid ${event} payload`;
  const where = issue.path.length > 0 ? issue.path.join(".") : "payload";
  return `Invalid ${event} payload: ${where}: ${issue.message}`;
}
