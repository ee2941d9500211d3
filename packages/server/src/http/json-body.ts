import type { Context } from "hono";
import type { z } from "zod";
import { HttpError } from "./http-error.js";

/**
 * Reads a JSON request body no larger than `maxBytes` and checks it against `schema`.
 * Oversize: 413. Not JSON: 400 (or `invalidJsonStatus`). Wrong shape: 422 with the zod issues.
 */
export async function readJson<S extends z.ZodType>(
  c: Context,
  schema: S,
  maxBytes: number,
  invalidJsonStatus: 400 | 422 = 400,
): Promise<z.infer<S>> {
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > maxBytes) throw new HttpError(413, "Request body too large");
  const text = await c.req.text();
  if (Buffer.byteLength(text) > maxBytes) throw new HttpError(413, "Request body too large");
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
