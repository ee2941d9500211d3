const UUID =
  /^(?:urn:uuid:)?\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i;

/** A UUID in a form Python's `UUID()` takes, in canonical form; null when it is not one. */
export function canonicalUuid(value: unknown): string | null {
  const match = typeof value === "string" ? UUID.exec(value.trim()) : null;
  return match ? match.slice(1).join("-").toLowerCase() : null;
}
