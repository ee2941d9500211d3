import type { Message } from "../../src/model.js";

/** What became of the messages one client sent, against the server's history. */
export interface Ledger {
  /** Sent, and stored exactly once. */
  stored: number;
  /** Stored once although the client shows it `unconfirmed` (not lost: the user may discard). */
  storedButUnconfirmed: number;
  /** Not stored, and shown `unconfirmed` or `failed`: the user knows. */
  reported: number;
  /** Not stored and not shown as unconfirmed or failed: lost without a word. */
  lost: string[];
  /** Stored more than once. */
  doubled: string[];
}

/**
 * Accounts for each text a client sent (every text is unique): stored once, or, when not, shown
 * to the user as not confirmed or failed. A text the server holds twice is a double; one it does
 * not hold that the client shows as confirmed, or not at all, is lost.
 */
export function account(
  sent: readonly string[],
  shown: readonly Message[],
  history: readonly Message[],
): Ledger {
  const ledger: Ledger = { stored: 0, storedButUnconfirmed: 0, reported: 0, lost: [], doubled: [] };
  for (const text of sent) {
    const copies = history.filter((m) => m.text === text).length;
    const local = shown.filter((m) => m.text === text && m.id === undefined);
    const flagged = local.some((m) => m.status === "unconfirmed" || m.status === "failed");
    if (copies > 1) ledger.doubled.push(text);
    else if (copies === 1) {
      ledger.stored += 1;
      if (flagged) ledger.storedButUnconfirmed += 1;
    } else if (flagged) ledger.reported += 1;
    else ledger.lost.push(text);
  }
  return ledger;
}

/** A thread's confirmed messages as `id text`, in display order: what must equal the server's. */
export function confirmedLines(messages: readonly Message[]): string[] {
  return messages.filter((m) => m.id !== undefined).map((m) => `${m.id} ${m.text}`);
}
