import type { Message } from "../model.js";
import type { MessageRecord } from "./schema.js";

/** Where a message sorts: creation time, then a numeric id as a number. */
export function orderOf(message: Message): { t: number; s: number | string } {
  const t = Date.parse(message.createdAt);
  const id = message.id ?? "";
  return { t: Number.isNaN(t) ? 0 : t, s: /^\d{1,15}$/.test(id) ? Number(id) : id };
}

/** The words a text is found by (`IdbCacheOptions.terms`). */
export type TermsOf = (text: string) => readonly string[];

export function toRecord(message: Message & { id: string }, terms?: TermsOf): MessageRecord {
  const record: MessageRecord = {
    c: message.conversationId,
    id: message.id,
    ...orderOf(message),
    m: message,
  };
  if (terms && !message.deleted) record.w = [...terms(message.text)];
  return record;
}

/** IndexedDB's order of `[t, s]` keys: numbers before strings, strings by code unit. */
export function compareOrder(
  a: { t: number; s: number | string },
  b: { t: number; s: number | string },
): number {
  if (a.t !== b.t) return a.t - b.t;
  if (typeof a.s !== typeof b.s) return typeof a.s === "number" ? -1 : 1;
  if (a.s === b.s) return 0;
  return a.s < b.s ? -1 : 1;
}

/** Every key of one conversation, in the `messages` store and in its `order` index. */
export function conversationRange(conversationId: string): IDBKeyRange {
  // An array sorts after every number and string, so [c, []] bounds everything under c.
  return IDBKeyRange.bound([conversationId], [conversationId, []]);
}

/** Keys of one conversation strictly older than `message`, in the `order` index. */
export function olderRange(conversationId: string, message: Message): IDBKeyRange {
  const { t, s } = orderOf(message);
  return IDBKeyRange.bound([conversationId], [conversationId, t, s], false, true);
}
