import { z } from "zod";

/** A frame a client sends on `/ws/chat/{chat_id}/`. */
export const inboundFrame = z.object({
  content: z.unknown(),
  role: z.enum(["patient", "professional", "provider"]).optional(),
});

/** `POST /chat/chats/`: name the other side, by the profile you are not. */
export const createChatBody = z.union([
  z.object({ professional: z.string().min(1).max(128) }).strict(),
  z.object({ patient: z.string().min(1).max(128) }).strict(),
]);

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  page_size: z.coerce.number().int().min(1).max(100).default(50),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
