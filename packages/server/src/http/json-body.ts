import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { z } from "zod";
import { HttpError } from "./http-error.js";

/**
 * Reads a JSON request body no larger than `maxBytes` and checks it against `schema`.
 * Oversize: 413. Not JSON: 400 (or `invalidJsonStatus`). Wrong shape: 422 with the zod issues.
 * The parsing and checking stay here, not in Hono's validator: each dialect answers these errors
 * in its own shape, and a body is read whatever its content type (decision record 0005).
 */
export async function readJson<S extends z.ZodType>(
  c: Context,
  schema: S,
  maxBytes: number,
  invalidJsonStatus: 400 | 422 = 400,
): Promise<z.infer<S>> {
  const text = await limitedText(c, maxBytes);
  let json: unknown;
  try {
    json = text === "" ? undefined : JSON.parse(text);
  } catch {
    throw new HttpError(invalidJsonStatus, "Invalid JSON");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new HttpError(
      422,
      parsed.error.issues[0]?.message ?? "Invalid request body",
      parsed.error.issues,
    );
  }
  return parsed.data;
}

const tooLarge = (): never => {
  throw new HttpError(413, "Request body too large");
};

/**
 * The body as text, read through Hono's body-limit middleware: a declared length over the limit
 * is refused before reading, a body without one (chunked) as soon as it passes the limit.
 * The error is thrown, not answered, so that the dialect's `onError` shapes it.
 */
async function limitedText(c: Context, maxBytes: number): Promise<string> {
  let text = "";
  await bodyLimit({ maxSize: maxBytes, onError: tooLarge })(c, async () => {
    text = await c.req.text();
  });
  return text;
}
