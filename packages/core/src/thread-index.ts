import { type ChunkedList, firstWhere, itemAt, listSize, spliceList } from "./chunked-list.js";
import { isLocal, placeOf } from "./message-order.js";
import type { Message } from "./model.js";

/**
 * A thread's lookups by client id and server id, and the send order of its local messages.
 * Copying an index of n keys on every change would make a long thread quadratic, so one index
 * serves a thread and all its successors: it always describes the newest version, which is the
 * only one the client merges into.
 */
export interface Index {
  byClientId: Map<string, Message>;
  byServerId: Map<string, string>;
  /**
   * Where each local message stands in send order (higher: sent later; those of an older page
   * below all others), so one is found among thousands queued by binary search.
   */
  sendOrder: Map<string, number>;
  /** Ranks given so far. */
  ranked: number;
}

export const newIndex = (): Index => ({
  byClientId: new Map(),
  byServerId: new Map(),
  sendOrder: new Map(),
  ranked: 0,
});

/** Notes a message (its newest version) under `key`, and its server id. */
export function remember(index: Index, key: string, message: Message): void {
  index.byClientId.set(key, message);
  if (message.id !== undefined) index.byServerId.set(message.id, key);
}

/** Ranks new local messages: after all others, or (an older page's) before all others. */
export function rankLocal(index: Index, fresh: readonly Message[], older: boolean): void {
  // An older page's go first, each below the last: ranked from its end, negated.
  const sign = older ? -1 : 1;
  for (const m of older ? [...fresh].reverse() : fresh)
    index.sendOrder.set(m.clientId, sign * ++index.ranked);
}

/**
 * Local messages that changed (`keys`), in send order: each is replaced by its newest version,
 * or, confirmed now, moves from `local` to `confirmed`. Answers both lists.
 */
export function settleLocal(
  index: Index,
  keys: string[],
  local: ChunkedList<Message>,
  confirmed: ChunkedList<Message>,
): [ChunkedList<Message>, ChunkedList<Message>] {
  const rank = (key: string) => index.sendOrder.get(key) ?? 0;
  for (const key of keys.sort((a, b) => rank(a) - rank(b))) {
    const next = index.byClientId.get(key) as Message;
    const stays = isLocal(next);
    const at = localPosition(local, index, key);
    if (at >= 0) local = spliceList(local, at, 1, stays ? [next] : []);
    if (stays) continue;
    index.sendOrder.delete(key);
    confirmed = spliceList(confirmed, placeOf(confirmed, next, false), 0, [next]);
  }
  return [local, confirmed];
}

/** Where the local message `clientId` stands in `local`, or -1: O(log² n). */
export function localPosition(local: ChunkedList<Message>, index: Index, clientId: string): number {
  const order = index.sendOrder;
  const rank = order.get(clientId);
  if (rank === undefined) return -1;
  const at = firstWhere(local, (m) => (order.get(m.clientId) as number) >= rank);
  return at < listSize(local) && itemAt(local, at).clientId === clientId ? at : -1;
}
