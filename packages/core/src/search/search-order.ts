import type { Message } from "../model.js";

/**
 * Where a hit stands in search results, newest first: creation time, then a key that tells
 * apart messages of the same millisecond (the conversation and the server id).
 */
export interface HitOrder {
  t: number;
  key: string;
}

/** A confirmed message's key among every conversation's messages. */
export function messageKey(message: Message): string {
  return `${message.conversationId}\u0000${message.id ?? message.clientId}`;
}

export function orderOfHit(message: Message): HitOrder {
  const t = Date.parse(message.createdAt);
  return { t: Number.isNaN(t) ? 0 : t, key: messageKey(message) };
}

/** Negative when `a` comes first in results (it is newer). */
export function compareHits(a: HitOrder, b: HitOrder): number {
  if (a.t !== b.t) return b.t - a.t;
  return a.key === b.key ? 0 : a.key < b.key ? 1 : -1;
}

/** The opaque cursor after a hit. */
export function encodeCursor(order: HitOrder): string {
  return JSON.stringify([order.t, order.key]);
}

/** The hit a cursor continues after, or null for a cursor this module did not make. */
export function decodeCursor(cursor: string): HitOrder | null {
  try {
    const value: unknown = JSON.parse(cursor);
    if (Array.isArray(value) && typeof value[0] === "number" && typeof value[1] === "string") {
      return { t: value[0], key: value[1] };
    }
  } catch {
    // Not ours.
  }
  return null;
}
