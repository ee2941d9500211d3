import { z } from "zod";

/** User ids are the fixture ids (UUIDs in the test set); anything longer is not an id. */
export const userIdSchema = z.string().trim().min(1, "A user id is required").max(128);

export const messageTypeSchema = z.enum(["text", "file", "image"]);
export type MessageType = z.infer<typeof messageTypeSchema>;

export const userStatusSchema = z.enum(["available", "busy", "away"]);
export type UserStatus = z.infer<typeof userStatusSchema>;

/**
 * A link a client may render: an absolute http(s) URL or a path on this server. Anything else
 * (`javascript:`, `data:`, protocol-relative `//host`, backslash tricks) could run script or
 * leave the site when a browser follows it.
 */
export function isSafeFileUrl(value: string): boolean {
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (code < 0x20 || code === 0x7f || char === "\\") return false;
  }
  if (value.startsWith("/")) return !value.startsWith("//");
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

const fileUrlSchema = z
  .string()
  .max(2048, "fileUrl is too long")
  .refine(isSafeFileUrl, "fileUrl must be an http(s) URL or a server-relative path");

/** The fields of a new message, shared by `send_message` and `POST /users/send-message`. */
function messageFields(maxChars: number) {
  return {
    content: z
      .string()
      .max(maxChars, `Message content is too long (max ${maxChars} characters)`)
      .nullish(),
    messageType: messageTypeSchema.default("text"),
    fileUrl: fileUrlSchema.nullish(),
    fileName: z.string().trim().max(255, "fileName is too long").nullish(),
  };
}

type MessageFields = {
  content?: string | null | undefined;
  messageType: MessageType;
  fileUrl?: string | null | undefined;
};

/** Text needs content; file and image messages need a fileUrl and may have empty content. */
function checkMessage(value: MessageFields, ctx: z.RefinementCtx): void {
  if (value.messageType === "text" && !value.content?.trim()) {
    ctx.addIssue({ code: "custom", message: "Message content is required", path: ["content"] });
  }
  if (value.messageType !== "text" && !value.fileUrl) {
    ctx.addIssue({
      code: "custom",
      message: `fileUrl is required for ${value.messageType} messages`,
      path: ["fileUrl"],
    });
  }
}

/** Socket event `send_message`. */
export function sendMessageSchema(maxChars: number) {
  return z
    .object({ receiverId: userIdSchema, ...messageFields(maxChars) })
    .superRefine(checkMessage);
}
export type SendMessageInput = z.infer<ReturnType<typeof sendMessageSchema>>;

/** Body of `POST /users/send-message`. */
export function patientMessageBodySchema(maxChars: number) {
  return z.object({ doctorId: userIdSchema, ...messageFields(maxChars) }).superRefine(checkMessage);
}

/** Body of `POST /doctors/patients/:patientId/messages`. */
export function doctorMessageBodySchema(maxChars: number) {
  return z.object({
    message: z
      .string()
      .max(maxChars, `Message content is too long (max ${maxChars} characters)`)
      .refine((text) => text.trim() !== "", "Message content is required"),
  });
}

/** Socket events `typing_start` and `typing_stop`. */
export const typingSchema = z.object({ receiverId: userIdSchema });

/** Socket event `mark_read`. */
export const markReadSchema = z.object({ senderId: userIdSchema });

/** Socket event `set_status`. */
export const setStatusSchema = z.object({ status: userStatusSchema });

/** Body of `POST /chat/online-status`. */
export const onlineStatusBodySchema = z.object({
  userIds: z.array(userIdSchema).max(200, "At most 200 userIds"),
});

/** `?limit=&skip=` of the history endpoints. */
export const pagingSchema = z.object({
  limit: z
    .string()
    .regex(/^\d{1,6}$/, "limit must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(1, "limit must be at least 1").max(100, "limit must be at most 100"))
    .default(50),
  skip: z
    .string()
    .regex(/^\d{1,9}$/, "skip must be a whole number")
    .transform(Number)
    .default(0),
});
export type Paging = z.infer<typeof pagingSchema>;

/** `?query=` of `GET /chat/search`. */
export const searchQuerySchema = z.object({
  query: z
    .string({ error: "query is required" })
    .trim()
    .min(1, "query is required")
    .max(200, "query is too long"),
});
