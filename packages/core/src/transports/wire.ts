/** Helpers for reading JSON off the wire, where nothing can be taken on trust. */
import { ParleyError } from "../errors.js";

export type Json = Record<string, unknown>;

/** A JSON object (not null, not an array). */
export const isRecord = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** An id as a string: a non-empty string, or a finite number turned into one; else undefined. */
export const asId = (value: unknown): string | undefined =>
  value !== "" && typeof value === "string"
    ? value
    : Number.isFinite(value)
      ? String(value)
      : undefined;

/** A string; else undefined (malformed). */
export const asString = (value: unknown): string | undefined =>
  typeof value === "string" ? value : undefined;

/** A string; else null (absent or unusable, never malformed). */
export const orNull = (value: unknown): string | null => (typeof value === "string" ? value : null);

/** `value` without its empty fields (null, undefined, "", false, 0), for optional properties. */
export const compact = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, field]) => field)) as {
    [K in keyof T]?: NonNullable<T[K]>;
  };

/** Reads one field: its value as the adapter keeps it, or undefined when it is malformed. */
export type Field = (value: unknown) => unknown;
export type Shaped<S extends Record<string, Field>> = {
  [K in keyof S]: Exclude<ReturnType<S[K]>, undefined>;
};

/**
 * A parser for JSON objects described by a field table (`{ _id: asId, text: asString }`): it
 * answers the object of the fields read, or undefined when the value is no object or any field
 * is malformed. Such a parser is itself a field, so shapes nest.
 */
export const shape =
  <S extends Record<string, Field>>(spec: S) =>
  (value: unknown): Shaped<S> | undefined => {
    if (!isRecord(value)) return;
    const out: Json = {};
    for (const key in spec) {
      const field = spec[key]?.(value[key]);
      if (field === undefined) return;
      out[key] = field;
    }
    return out as Shaped<S>;
  };

/**
 * The well-formed items of a list answer; malformed items are dropped and reported as one
 * "protocol" error. Throws "protocol" when the answer is not a list.
 */
export function items<T>(
  value: unknown,
  parse: (item: unknown) => T | undefined,
  what: string,
  report: (error: ParleyError) => void,
): T[] {
  if (!Array.isArray(value)) throw new ParleyError("protocol", `The ${what} is not a list`);
  const kept = value.map(parse).filter((item) => item !== undefined);
  const dropped = value.length - kept.length;
  if (dropped)
    report(new ParleyError("protocol", `Dropped ${dropped} malformed item(s) of the ${what}`));
  return kept;
}

type Code = ParleyError["code"];
/** What both Socket.IO dialects' refusal texts share. */
const common: Array<[RegExp, Code]> = [
  [/too many requests|rate limit/i, "rate-limited"],
  [/internal server error/i, "server"],
  [/too long/i, "payload-too-large"],
  [/not found/i, "not-found"],
];

/**
 * The error a server's refusal text stands for: the code of the first pattern it matches (the
 * common ones first, then the dialect's `table`), else "invalid-input". Refusals are final; rate
 * limits and faults are retryable (see `ParleyError`).
 */
export const textError = (text: string, table: Array<[RegExp, Code]>): ParleyError =>
  new ParleyError(
    [...common, ...table].find(([pattern]) => pattern.test(text))?.[1] ?? "invalid-input",
    text,
  );
