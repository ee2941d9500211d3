import { z } from "zod";
import type { Limits } from "../../limits.js";

/** The seed's message types ('text'|'image'|'voice'|...); `file` carries an uploaded PDF. */
export const MESSAGE_TYPES = ["text", "image", "voice", "file"] as const;

const id = z.int().positive();
/** Uploads this server handed out, or an absolute http(s) URL; never `javascript:` and the like. */
const mediaUrl = z
  .string()
  .max(2048)
  .regex(
    /^(\/uploads\/[A-Za-z0-9._-]+|https?:\/\/\S+)$/,
    "media_url must be an /uploads/ path or an http(s) URL",
  );
const notBlank = (s: string) => s.trim().length > 0;

/**
 * Builds every inbound schema; content limits come from the server's limits. `field`: a reply
 * names its target `reply_to_message_id` (`chat_websocket.py`), not `reply_to_id`.
 */
export function makeSchemas(limits: Limits, field = false) {
  const content = z
    .string()
    .max(limits.maxContentChars, `content is longer than ${limits.maxContentChars} characters`);
  const title = z.string().max(200).nullish();
  const initialMessage = content.refine(notBlank, "initial_message must not be empty").nullish();

  /** What a message carries, over REST or WebSocket; text needs content, media needs a URL. */
  const messageFields = {
    content: content.nullish(),
    message_type: z.enum(MESSAGE_TYPES).default("text"),
    media_url: mediaUrl.nullish(),
    ...(field ? { reply_to_message_id: id.nullish() } : { reply_to_id: id.nullish() }),
  };
  const checkMessage = (
    m: { content?: string | null; message_type: string; media_url?: string | null },
    ctx: z.RefinementCtx,
  ) => {
    if (m.message_type === "text" && !(m.content && notBlank(m.content))) {
      ctx.addIssue({ code: "custom", path: ["content"], message: "content must not be empty" });
    }
    if (m.message_type !== "text" && !m.media_url) {
      ctx.addIssue({
        code: "custom",
        path: ["media_url"],
        message: `media_url is required for ${m.message_type} messages`,
      });
    }
  };

  const chatFrame = { chat_id: id };
  const frames = {
    join_chat: z.object({ ...chatFrame }),
    leave_chat: z.object({ ...chatFrame }),
    send_message: z.object({ ...chatFrame, ...messageFields }).superRefine(checkMessage),
    typing: z.object({ ...chatFrame, is_typing: z.boolean().default(true) }),
    read_message: z.object({ ...chatFrame, message_id: id }),
    ping: z.object({}),
  };

  return {
    /** Inbound WebSocket frames by `type`. */
    frames,
    /** Any frame: an object with a string `type`. */
    envelope: z.object({ type: z.string().max(64) }),
    /** POST /chats (staff). */
    createChat: z.object({ customer_id: id, title, initial_message: initialMessage }),
    /** POST /chats/customer; `user_id` (Extension) picks one staff member. */
    createCustomerChat: z
      .object({ title, initial_message: initialMessage, user_id: id.nullish() })
      .default({}),
    /** POST /chats/{id}/messages. */
    sendMessage: z.object(messageFields).superRefine(checkMessage),
    /** PUT /messages/{id}. */
    editMessage: z.object({ content: content.refine(notBlank, "content must not be empty") }),
    /** GET /chats/{id}/messages query. */
    historyQuery: z.object({
      page: z.coerce.number().int().min(1).default(1),
      page_size: z.coerce.number().int().min(1).max(100).default(50),
    }),
  };
}

export type Schemas = ReturnType<typeof makeSchemas>;
export type FrameType = keyof Schemas["frames"];
export type SendMessageInput = z.infer<Schemas["sendMessage"]> & {
  reply_to_id?: number | null;
  reply_to_message_id?: number | null;
};
