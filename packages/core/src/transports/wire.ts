/** Helpers for reading JSON off the wire, where nothing can be taken on trust. */

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

/** `fields` when none is undefined (each required one was present and well-formed), else null. */
export const complete = <T>(fields: Json): T | null =>
  Object.values(fields).includes(undefined) ? null : (fields as T);
