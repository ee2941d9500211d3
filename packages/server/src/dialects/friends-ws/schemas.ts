import { z } from "zod";
import { canonicalUuid } from "./uuid.js";

/** Account and message ids: the fixture ids (UUIDs) and server-made UUIDs. */
const id = z.string().min(1).max(128);

/** Message text: not blank, at most `maxChars` characters. One issue at most, so errors read well. */
export function contentSchema(maxChars: number) {
  return z.string().superRefine((text, ctx) => {
    if (text.trim() === "") {
      ctx.addIssue({
        code: "too_small",
        origin: "string",
        minimum: 1,
        inclusive: true,
        message: "Message content cannot be empty",
      });
    } else if (text.length > maxChars) {
      ctx.addIssue({
        code: "too_big",
        origin: "string",
        maximum: maxChars,
        inclusive: true,
        message: `Message content must be at most ${maxChars} characters`,
      });
    }
  });
}

/**
 * Field: `MessageCreate` of the deployed backend (`app/schemas/message.py`): `receiver_id` a
 * UUID, `content` 1 to 1000 characters, not stripped (so a blank text passes over REST).
 */
function fieldSendBody(maxChars: number) {
  return z.object({
    receiver_id: z.string().refine((value) => canonicalUuid(value) !== null, {
      message: "Input should be a valid UUID",
    }),
    content: z.string().min(1).max(maxChars),
  });
}

/**
 * Every inbound socket frame and REST body, built for the server's content limit (and, in the
 * field profile, the deployed backend's `POST /messages/` body).
 */
export function buildSchemas(maxContentChars: number, fieldMaxChars: number | null = null) {
  const content = contentSchema(maxContentChars);
  return {
    /** Any frame: an object with a string `type`, checked before the per-type schema. */
    envelope: z.looseObject({ type: z.string() }),
    frames: {
      send_message: z.object({ type: z.literal("send_message"), receiver_id: id, content }),
      mark_read: z.object({ type: z.literal("mark_read"), message_id: id }),
      typing: z.object({ type: z.literal("typing"), receiver_id: id, is_typing: z.boolean() }),
    },
    /** `POST /messages/` body. */
    sendMessageBody:
      fieldMaxChars === null
        ? z.object({ receiver_id: id, content })
        : fieldSendBody(fieldMaxChars),
  };
}

export type Schemas = ReturnType<typeof buildSchemas>;
export type FrameType = keyof Schemas["frames"];
