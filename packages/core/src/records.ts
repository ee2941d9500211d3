/**
 * Records keyed by ids from the wire. An id is data: "constructor" or "__proto__" must be an
 * ordinary key, so every such record has no prototype and is read through {@link own}.
 */
export type IdRecord<T> = Readonly<Record<string, T>>;

/** A record with no prototype, holding `from`'s own entries. */
export function idRecord<T>(from?: IdRecord<T>): Record<string, T> {
  const record = Object.create(null) as Record<string, T>;
  if (from) for (const key of Object.keys(from)) record[key] = from[key] as T;
  return record;
}

/** The value under an id, never one inherited from a prototype. */
export function own<T>(record: IdRecord<T>, id: string): T | undefined {
  return Object.hasOwn(record, id) ? record[id] : undefined;
}
