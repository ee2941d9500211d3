import { isLocal } from "./message-order.js";
import type { Message, MessageStatus } from "./model.js";

const RANK: Record<MessageStatus, number> = {
  failed: 0,
  unconfirmed: 1,
  pending: 1,
  sent: 2,
  delivered: 3,
  read: 4,
};

/** Receipts only move forward: a late "sent" never undoes "read". */
export function laterStatus(a: MessageStatus, b: MessageStatus): MessageStatus {
  return RANK[b] > RANK[a] ? b : a;
}

/**
 * Two copies of one message as one: fields are combined, receipts only move forward, deletion
 * sticks, and a local update never turns a confirmed message back into a local one. Answers
 * `previous` itself when nothing changed.
 */
export function combine(previous: Message, next: Message): Message {
  const merged: Message = { ...previous };
  for (const [key, value] of Object.entries(next)) {
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  merged.clientId = previous.clientId;
  if (next.id !== undefined && isLocal(previous)) {
    merged.status = laterStatus("sent", next.status);
  } else if (isLocal(previous) && next.id === undefined) {
    // Between local copies the newer status wins: pending -> failed, and failed -> pending on
    // retry, which also drops the old failure's reason.
    merged.status = next.status;
    if (next.error === undefined) delete merged.error;
  } else {
    merged.status = laterStatus(previous.status, next.status);
  }
  if (next.id === undefined && previous.id !== undefined) {
    merged.id = previous.id;
    merged.createdAt = previous.createdAt;
  }
  if (previous.deleted) merged.deleted = true;
  if (merged.id !== undefined) delete merged.error;
  return shallowEqual(previous, merged) ? previous : merged;
}

function shallowEqual(a: Message, b: Message): boolean {
  const ra = a as unknown as Record<string, unknown>;
  const rb = b as unknown as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const key of keys) if (ra[key] !== rb[key]) return false;
  return true;
}
