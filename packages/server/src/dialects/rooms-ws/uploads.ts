import { randomBytes } from "node:crypto";
import type { Hono } from "hono";
import { HttpError } from "../../http/http-error.js";
import { validationError } from "./errors.js";
import { caller, type RestDeps, requireStaffInField } from "./rest-context.js";

/** The seed's upload types, with the file extension and message type each maps to. */
export const ALLOWED_UPLOADS: Readonly<Record<string, { ext: string; messageType: string }>> = {
  "image/jpeg": { ext: "jpg", messageType: "image" },
  "image/png": { ext: "png", messageType: "image" },
  "image/gif": { ext: "gif", messageType: "image" },
  "image/webp": { ext: "webp", messageType: "image" },
  "audio/mpeg": { ext: "mp3", messageType: "voice" },
  "audio/ogg": { ext: "ogg", messageType: "voice" },
  "audio/webm": { ext: "webm", messageType: "voice" },
  "audio/wav": { ext: "wav", messageType: "voice" },
  "application/pdf": { ext: "pdf", messageType: "file" },
};

/** Room for the multipart boundaries and part headers around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;
const NAME = /^[a-f0-9]{32}\.[a-z0-9]{2,5}$/;

/** Reads a request body, refusing with 413 as soon as it passes `max` bytes. */
async function readCapped(request: Request, max: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > max) throw new HttpError(413, "File too large");
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = request.body?.getReader();
  if (!reader) return new Uint8Array();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel().catch(() => {});
      throw new HttpError(413, "File too large");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * POST /upload (multipart field `file`) stores the bytes in SQLite under a random name;
 * GET /uploads/<name> serves them publicly (the name is the capability) with the stored type.
 */
export function registerUploadRoutes(api: Hono, root: Hono, deps: RestDeps): void {
  const { uploads, limits } = deps;

  api.post("/upload", async (c) => {
    const me = await caller(c, deps);
    requireStaffInField(me, deps);
    const bytes = await readCapped(c.req.raw, limits.maxUploadBytes + MULTIPART_OVERHEAD);
    let form: FormData | null = null;
    try {
      const headers = { "content-type": c.req.header("content-type") ?? "" };
      form = await new Response(bytes as unknown as ConstructorParameters<typeof Response>[0], {
        headers,
      }).formData();
    } catch {
      form = null; // not multipart, or a broken body: reported as the missing field below
    }
    const file = form?.get("file");
    if (!file || typeof file === "string") {
      throw validationError("body", [
        { code: "missing", path: ["file"], message: "Field required" },
      ]);
    }
    if (file.size > limits.maxUploadBytes) {
      throw new HttpError(413, `File too large (max ${limits.maxUploadBytes} bytes)`);
    }
    const contentType = (file.type.split(";")[0] ?? "").trim().toLowerCase();
    const allowed = ALLOWED_UPLOADS[contentType];
    if (!allowed) throw new HttpError(415, `Unsupported file type: ${contentType || "unknown"}`);
    if (file.size === 0) throw new HttpError(400, "Empty file");
    const data = Buffer.from(await file.arrayBuffer());
    const name = `${randomBytes(16).toString("hex")}.${allowed.ext}`;
    const originalName = file.name ? file.name.slice(0, 255) : null;
    uploads.put(name, contentType, data, originalName, me, deps.now());
    return c.json(
      {
        url: `/uploads/${name}`,
        filename: name,
        original_filename: originalName,
        content_type: contentType,
        size: data.byteLength,
        message_type: allowed.messageType,
      },
      201,
    );
  });

  root.get("/uploads/:name", (c) => {
    const name = c.req.param("name");
    const row = NAME.test(name) ? uploads.get(name) : undefined;
    if (!row) throw new HttpError(404, "Not Found");
    return new Response(new Uint8Array(row.data), {
      headers: {
        "Content-Type": row.content_type,
        "Content-Length": String(row.size),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, max-age=86400",
      },
    });
  });
}
