import { itemAt, listSize, pushItems, spliceList, unseenItems } from "./chunked-list.js";
import { combine } from "./message-combine.js";
import {
  compare,
  inPageOrder,
  isLocal,
  placeMoved,
  placeNew,
  positionOf,
} from "./message-order.js";
import type { Message } from "./model.js";
import {
  type Index,
  localPosition,
  newIndex,
  rankLocal,
  remember,
  settleLocal,
} from "./thread-index.js";

import { derive, type Parts, partsOf, type Thread } from "./thread-snapshot.js";

export { emptyThread, type Thread, withPaging } from "./thread-snapshot.js";

/** The message with this client id (its newest version), if any. */
export function findMessage(thread: Thread, clientId: string): Message | undefined {
  return partsOf(thread).index?.byClientId.get(clientId);
}

/** The message with this server id (its newest version), if any. */
export function findByServerId(thread: Thread, id: string): Message | undefined {
  const index = partsOf(thread).index;
  const clientId = index?.byServerId.get(id);
  return clientId === undefined ? undefined : index?.byClientId.get(clientId);
}

/** The messages of a thread in display order. */
export function threadMessages(thread: Thread): readonly Message[] {
  return thread.messages;
}

/** How many messages the thread holds, without building its array. */
export function messageCount(thread: Thread): number {
  const { confirmed, local } = partsOf(thread);
  return listSize(confirmed) + listSize(local);
}

/** The local messages (pending, failed, unconfirmed), in send order. */
export function localMessages(thread: Thread): readonly Message[] {
  return pushItems(partsOf(thread).local, []);
}

/** The message at a display position counted from the end (0: the last one), if any. */
export function fromEnd(thread: Thread, back: number): Message | undefined {
  const { confirmed, local } = partsOf(thread);
  const locals = listSize(local);
  if (back < locals) return itemAt(local, locals - 1 - back);
  const i = listSize(confirmed) - 1 - (back - locals);
  return i >= 0 ? itemAt(confirmed, i) : undefined;
}

/** The newest message that passes `test`, looked for from the end. */
export function newestWhere(thread: Thread, test: (m: Message) => boolean): Message | undefined {
  for (let back = 0, m = fromEnd(thread, 0); m !== undefined; m = fromEnd(thread, ++back)) {
    if (test(m)) return m;
  }
  return undefined;
}

/**
 * The confirmed messages in parts of this thread `seen` has not seen, oldest first, which it
 * marks seen: what changed since the last call, in time proportional to the change (snapshots
 * share the chunks that did not change). A superset of what changed.
 */
export function unseenConfirmed(thread: Thread, seen: WeakSet<object>): Message[] {
  return unseenItems(partsOf(thread).confirmed, seen, []);
}

/** The oldest and the newest confirmed message, if any. */
export function confirmedEnds(thread: Thread): [Message, Message] | [] {
  const { confirmed } = partsOf(thread);
  const size = listSize(confirmed);
  return size === 0 ? [] : [itemAt(confirmed, 0), itemAt(confirmed, size - 1)];
}

/** How incoming messages relate to a thread. */
export interface MergeOptions {
  /** They are older than what the thread holds (a page further back). */
  older?: boolean;
  /** They are a stretch of the server's own order (a history page): ties take that order. */
  ordered?: boolean;
}

/** What a merge did: the new thread and the client ids of messages it did not know before. */
export interface MergeResult {
  thread: Thread;
  added: string[];
}

/**
 * The common live case, without the general merge's bookkeeping: one new confirmed message, as
 * new as the newest one held, goes at the end. Undefined for anything else.
 */
function appendLive(
  thread: Thread,
  parts: Parts,
  index: Index,
  incoming: readonly Message[],
  options: MergeOptions,
): MergeResult | undefined {
  const m = incoming[0] as Message;
  if (incoming.length > 1 || options.older || m.id === undefined) return undefined;
  if (index.byServerId.has(m.id) || index.byClientId.has(m.clientId)) return undefined;
  const { confirmed } = parts;
  const size = listSize(confirmed);
  if (size > 0 && compare(itemAt(confirmed, size - 1), m) > 0) return undefined;
  remember(index, m.clientId, m);
  const next = spliceList(confirmed, size, 0, [m]);
  return {
    thread: derive(thread, { confirmed: next, local: parts.local, index }),
    added: [m.clientId],
  };
}

/**
 * Merges messages into a thread: copies that share a server id or a client id become one
 * message, fields are combined, receipts only move forward, deletion sticks. Each message is
 * placed where the server's order puts it (ties: after those already there, before them for an
 * older page) in O(log n). Returns the same thread when nothing changed.
 */
export function merge(
  thread: Thread,
  incoming: readonly Message[],
  options: MergeOptions = {},
): MergeResult {
  if (incoming.length === 0) return { thread, added: [] };
  const parts = partsOf(thread);
  const index = parts.index ?? newIndex();
  const appended = appendLive(thread, parts, index, incoming, options);
  if (appended) return appended;
  // Messages the thread holds that changed, under their key, as the thread holds them.
  const before = new Map<string, Message>();
  const added: string[] = [];
  // Only a batch can update a message it brought itself.
  const isNew = incoming.length > 1 ? new Set<string>() : undefined;
  for (const message of incoming) {
    const key =
      (message.id !== undefined ? index.byServerId.get(message.id) : undefined) ??
      (index.byClientId.has(message.clientId) ? message.clientId : undefined);
    if (key === undefined) {
      remember(index, message.clientId, message);
      added.push(message.clientId);
      isNew?.add(message.clientId);
      continue;
    }
    const previous = index.byClientId.get(key) as Message;
    const merged = combine(previous, message);
    if (merged === previous) continue;
    remember(index, key, merged);
    if (!before.has(key) && !isNew?.has(key)) before.set(key, previous);
  }
  const newest = (key: string) => index.byClientId.get(key) as Message;
  let confirmed = parts.confirmed;
  let local = parts.local;
  const moved: Parameters<typeof placeMoved>[1] = [];
  for (const [key, previous] of before) {
    if (isLocal(previous)) continue;
    const next = newest(key);
    const at = positionOf(confirmed, previous);
    const order = previous.createdAt === next.createdAt ? 0 : compare(next, previous);
    if (at >= 0 && order === 0) confirmed = spliceList(confirmed, at, 1, [next]);
    else moved.push([at, next, order > 0]);
  }
  if (moved.length > 0) confirmed = placeMoved(confirmed, moved);
  const changedLocal = [...before.keys()].filter((key) => isLocal(before.get(key) as Message));
  [local, confirmed] = settleLocal(index, changedLocal, local, confirmed);
  const fresh = added.map(newest);
  const freshLocal = fresh.filter(isLocal);
  if (freshLocal.length > 0) {
    rankLocal(index, freshLocal, !!options.older);
    local = spliceList(local, options.older ? 0 : listSize(local), 0, freshLocal);
  }
  confirmed = placeNew(
    confirmed,
    fresh.filter((m) => !isLocal(m)),
    !!options.older,
  );
  // A page is the server's order: it also settles the order of ties that arrived live.
  if (options.ordered)
    confirmed = inPageOrder(confirmed, incoming, (id) => index.byServerId.get(id), newest);
  if (confirmed === parts.confirmed && local === parts.local) return { thread, added };
  return { thread: derive(thread, { confirmed, local, index }), added };
}

/** `merge` without the report. */
export function mergeMessages(
  thread: Thread,
  incoming: readonly Message[],
  options: MergeOptions = {},
): Thread {
  return merge(thread, incoming, options).thread;
}

/** Removes a local message (discarded, or superseded by its confirmed copy). */
export function removeLocal(thread: Thread, clientId: string): Thread {
  const parts = partsOf(thread);
  const { index } = parts;
  const message = index?.byClientId.get(clientId);
  if (!index || !message || !isLocal(message)) return thread;
  const at = localPosition(parts.local, index, clientId);
  index.byClientId.delete(clientId);
  index.sendOrder.delete(clientId);
  if (at < 0) return thread;
  return derive(thread, { ...parts, local: spliceList(parts.local, at, 1) });
}

/**
 * Gives the confirmed message held under client id `from` the client id `to`, in place: a copy
 * that came by another path (a history read) before its sender's confirmation takes the id the
 * sender's `send` returned, which the app may hold.
 */
export function rekey(thread: Thread, from: string, to: string): Thread {
  const parts = partsOf(thread);
  const message = parts.index?.byClientId.get(from);
  if (!parts.index || !message || isLocal(message) || from === to) return thread;
  const at = positionOf(parts.confirmed, message);
  if (at < 0) return thread;
  const renamed = { ...message, clientId: to };
  parts.index.byClientId.delete(from);
  remember(parts.index, to, renamed);
  const confirmed = spliceList(parts.confirmed, at, 1, [renamed]);
  return derive(thread, { ...parts, confirmed });
}
