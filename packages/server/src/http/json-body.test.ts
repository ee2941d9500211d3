import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { HttpError } from "./http-error.js";
import { readJson } from "./json-body.js";

const limit = 32;
const app = new Hono()
  .post("/", async (c) => c.json(await readJson(c, z.object({ text: z.string() }), limit)))
  .post("/fastapi", async (c) => c.json(await readJson(c, z.unknown(), limit, 422)));
app.onError((error, c) =>
  error instanceof HttpError
    ? c.json({ status: error.status, message: error.message }, error.status)
    : c.json({ message: String(error) }, 500),
);

function post(
  body: string | ReadableStream<Uint8Array>,
  path = "/",
  headers: Record<string, string> = {},
) {
  return app.request(path, { method: "POST", body, headers, duplex: "half" });
}

/** A body sent in chunks, without a declared length. */
function chunked(text: string, chunk = 8): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + chunk));
      at += chunk;
    },
  });
}

describe("readJson", () => {
  it("reads and checks a body up to the limit, declared or chunked", async () => {
    const body = JSON.stringify({ text: "x".repeat(limit - 11) }); // exactly `limit` bytes
    expect(new TextEncoder().encode(body).length).toBe(limit);
    expect(await (await post(body)).json()).toEqual({ text: "x".repeat(limit - 11) });
    expect(await (await post(chunked(body))).json()).toEqual({ text: "x".repeat(limit - 11) });
  });

  it("answers 413 for a body past the limit, by its declared length or while it streams", async () => {
    const body = JSON.stringify({ text: "x".repeat(limit) });
    const declared = await post(body, "/", { "content-length": String(body.length) });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ status: 413, message: "Request body too large" });
    const streamed = await post(chunked(body));
    expect(streamed.status).toBe(413);
  });

  it("answers 400 (or the dialect's 422) for malformed JSON, 422 for a wrong shape", async () => {
    expect((await post("{oops")).status).toBe(400);
    expect((await post("{oops", "/fastapi")).status).toBe(422);
    const wrong = await post(JSON.stringify({ text: 1 }));
    expect(wrong.status).toBe(422);
    expect((await post("")).status).toBe(422); // no body: undefined is not an object
  });
});
