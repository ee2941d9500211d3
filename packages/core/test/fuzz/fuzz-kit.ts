import type { WebSocketMitm } from "@parley/test-kit/node";
import fc from "fast-check";
import { expect } from "vitest";
import type { ChatClient } from "../../src/client.js";
import type { ParleyError } from "../../src/errors.js";
import type { ChatState } from "../../src/state.js";

/**
 * What the frame fuzz suites share: run counts, the generators of hostile frames, the store's
 * invariants and a collector of uncaught errors.
 */

/** Runs per property: few in the normal test run, `PARLEY_FUZZ_RUNS` (`pnpm fuzz`) for more. */
export const fuzzRuns = Number(process.env.PARLEY_FUZZ_RUNS) || 30;
/** Frames injected per run. */
export const BATCH = 20;
/** The seed fast-check starts from: `PARLEY_FUZZ_SEED` replays a reported run. */
export const fuzzSeed = process.env.PARLEY_FUZZ_SEED
  ? Number(process.env.PARLEY_FUZZ_SEED)
  : undefined;
/** Time budget of one property, far above what the CI run needs (so `pnpm fuzz` is unbounded). */
export const fuzzTimeout = Math.max(60_000, fuzzRuns * 2_000);

/** Ids that are also the names of `Object.prototype`'s members. */
export const protoKeys = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"];
export const protoKey = fc.constantFrom(...protoKeys);

/** A 100 KB string, of one of a few characters (a generated one would be slow to build). */
export const hugeString = fc
  .constantFrom("x", "é", "\u0000", "🙂", "<", '"')
  .map((c) => c.repeat(Math.ceil(100_000 / c.length)));

/** Values of the wrong type for any field. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(-1, 0, 2 ** 53, -(2 ** 60), 1.5, 1e308),
  fc.string({ maxLength: 20 }),
  protoKey,
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.dictionary(fc.oneof(fc.string({ maxLength: 5 }), protoKey), fc.jsonValue({ maxDepth: 1 }), {
    maxKeys: 3,
  }),
);

type Json = { [key: string]: unknown };

/** The paths of every field of `value` (objects and arrays inside included). */
function paths(value: unknown, at: string[] = []): string[][] {
  if (typeof value !== "object" || value === null) return [];
  const out: string[][] = [];
  for (const key of Object.keys(value)) {
    out.push([...at, key]);
    out.push(...paths((value as Json)[key], [...at, key]));
  }
  return out;
}

/** `value` (a JSON tree, copied) with the field at `path` set to `to`, or removed when undefined. */
function setAt(value: Json, path: string[], to: unknown): Json {
  const copy = structuredClone(value);
  let node: Json = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Json;
  const last = path.at(-1) as string;
  // defineProperty: a "__proto__" key stays an own field, as JSON.parse would make it.
  if (to === undefined) delete node[last];
  else Object.defineProperty(node, last, { value: to, enumerable: true, writable: true });
  return copy;
}

/**
 * Frames shaped like a dialect's real ones: `template` builds a well-formed frame from an id
 * generator's values; then up to three of its fields (at any depth) are replaced by values of
 * the wrong type, by a prototype key, by a huge string, or removed.
 */
export function shapedFrames<I>(
  ids: fc.Arbitrary<I>,
  templates: Array<(ids: I) => Json>,
): fc.Arbitrary<Json> {
  const wellFormed = fc
    .tuple(fc.constantFrom(...templates), ids)
    .map(([template, values]) => template(values));
  const replacement = fc.oneof(
    { weight: 6, arbitrary: wrongValue },
    { weight: 1, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: hugeString },
  );
  return fc
    .tuple(wellFormed, fc.array(fc.tuple(fc.nat(), replacement), { maxLength: 3 }))
    .map(([frame, changes]) => {
      let out = frame;
      for (const [pick, to] of changes) {
        const all = paths(out);
        if (all.length) out = setAt(out, all[pick % all.length] as string[], to);
      }
      return out;
    });
}

/** Text that is no JSON at all. */
export const notJson = fc.oneof(
  fc.constantFrom("", " ", "undefined", "NaN", "{", "[", "}{", '{"type":', "\u0000", "null null"),
  fc.string({ maxLength: 40 }).map((s) => `<${s}`),
  fc.string({ unit: "binary", maxLength: 40 }).filter((s) => {
    try {
      JSON.parse(s);
      return false;
    } catch {
      return true;
    }
  }),
);

/** A frame, text: any JSON, a shaped frame (maybe cut short), a huge string, or no JSON. */
export function frameTexts(shaped: fc.Arbitrary<Json>): fc.Arbitrary<string> {
  const text = (value: unknown) => JSON.stringify(value) ?? "null";
  return fc.oneof(
    { weight: 3, arbitrary: fc.jsonValue().map(text) },
    { weight: 8, arbitrary: shaped.map(text) },
    {
      weight: 2,
      arbitrary: fc.tuple(shaped.map(text), fc.nat()).map(([t, cut]) => t.slice(0, cut % t.length)),
    },
    { weight: 1, arbitrary: hugeString.map(text) },
    { weight: 2, arbitrary: notJson },
  );
}

/** The batches a property injects: up to {@link BATCH} frames (or events) each. */
export const batches = <T>(frames: fc.Arbitrary<T>) =>
  fc.array(frames, { minLength: 1, maxLength: BATCH });

/** A frame for the man in the middle: text, or raw bytes as a binary or a text frame. */
export type Injected = string | { raw: Buffer; text: boolean };

/**
 * {@link frameTexts}, and now and then raw bytes: a binary frame, or a text frame that may be no
 * UTF-8 at all (the client's WebSocket then closes with 1007, and the client connects again).
 */
export const injected = (shaped: fc.Arbitrary<Json>): fc.Arbitrary<Injected> =>
  fc.oneof(
    { weight: 60, arbitrary: frameTexts(shaped) },
    {
      weight: 2,
      arbitrary: fc
        .uint8Array({ maxLength: 64 })
        .map((b) => ({ raw: Buffer.from(b), text: false })),
    },
    {
      weight: 1,
      arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => ({ raw: Buffer.from(b), text: true })),
    },
  );

/** Sends one {@link Injected} frame to every client socket of `mitm`. */
export const inject = (mitm: WebSocketMitm, frame: Injected) =>
  typeof frame === "string" ? mitm.inject(frame) : mitm.injectRaw(frame.raw, { text: frame.text });

/**
 * The store's invariants: its id-keyed records have no prototype; every thread is an object
 * with a `messages` array whose client ids, and server ids, are each unique.
 */
export function expectConsistent(state: ChatState): void {
  for (const name of ["threads", "conversations", "presence", "typing"] as const)
    expect(Object.getPrototypeOf(state[name]), name).toBeNull();
  for (const key of Object.keys(state.threads)) {
    const thread = state.threads[key];
    expect(typeof thread === "object" && thread !== null, `thread ${key}`).toBe(true);
    expect(Array.isArray(thread?.messages), `thread ${key}.messages`).toBe(true);
    const messages = thread?.messages ?? [];
    const clientIds = messages.map((m) => m.clientId);
    const serverIds = messages.flatMap((m) => (m.id === undefined ? [] : [m.id]));
    expect(new Set(clientIds).size, `unique client ids in ${key}`).toBe(clientIds.length);
    expect(new Set(serverIds).size, `unique server ids in ${key}`).toBe(serverIds.length);
  }
}

/** Collects the process's uncaught exceptions and unhandled rejections while it is on. */
export function uncaughtCollector() {
  const caught: unknown[] = [];
  const collect = (error: unknown) => caught.push(error);
  process.on("uncaughtException", collect);
  process.on("unhandledRejection", collect);
  return {
    caught,
    stop() {
      process.off("uncaughtException", collect);
      process.off("unhandledRejection", collect);
    },
  };
}

/** The errors a client reports to its `error` listeners, from now on. */
export function errorsOf(client: ChatClient): ParleyError[] {
  const errors: ParleyError[] = [];
  client.on("error", (error) => errors.push(error));
  return errors;
}

/** Lets every frame of a batch arrive and go through the client's event queue. */
export const settle = (ms = 15) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `test` until it holds (answers its value) or `timeoutMs` passes (throws `what`). */
export async function eventually<T>(
  test: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 8000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await test();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await settle(50);
  }
}

/**
 * Injects random batches of `frames` through the man in the middle; after each batch nothing may
 * have been thrown and the store must be consistent. Answers the errors the client reported.
 */
export async function fuzzThroughMitm(
  client: ChatClient,
  mitm: WebSocketMitm,
  frames: fc.Arbitrary<Json>,
): Promise<ParleyError[]> {
  const errors = errorsOf(client);
  const uncaught = uncaughtCollector();
  try {
    await fc.assert(
      fc.asyncProperty(batches(injected(frames)), async (batch) => {
        for (const frame of batch) inject(mitm, frame);
        await settle();
        expect(uncaught.caught).toEqual([]);
        expectConsistent(client.getState());
      }),
      { numRuns: fuzzRuns, seed: fuzzSeed },
    );
  } finally {
    uncaught.stop();
  }
  return errors;
}
