import type { OutboxRecord, OutboxWrite } from "./cache.js";
import type { OutboxChange, OutboxEntry } from "./outbox-entry.js";

/** The write an outbox change asks for; `entry` finds an entry by client id. */
export function outboxWrite(
  change: OutboxChange,
  entry: (clientId: string) => OutboxEntry | undefined,
): OutboxWrite {
  switch (change.type) {
    case "queued":
      return { put: [outboxRecord(change.entry)], remove: [] };
    case "updated":
      return { put: change.entries.map(outboxRecord), remove: [] };
    case "confirmed":
    case "discarded":
      return { put: [], remove: [change.clientId] };
    default: {
      const changed = entry(change.clientId);
      return { put: changed ? [outboxRecord(changed)] : [], remove: [] };
    }
  }
}

/** A snapshot of an entry (the outbox changes its entries in place). */
export function outboxRecord(entry: Readonly<OutboxEntry>): OutboxRecord {
  return {
    outgoing: entry.outgoing,
    state: entry.state,
    attempts: entry.attempts,
    queuedAt: entry.queuedAt,
    ...(entry.firstSentAt === undefined ? {} : { firstSentAt: entry.firstSentAt }),
  };
}
