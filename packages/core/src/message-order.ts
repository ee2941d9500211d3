import {
  type ChunkedList,
  firstWhere,
  itemAt,
  listSize,
  pushItems,
  spliceList,
} from "./chunked-list.js";
import type { Message } from "./model.js";

/** A message not confirmed by the server yet (pending, failed, unconfirmed): it has no id. */
export const isLocal = (m: Message): boolean => m.id === undefined;

function time(m: Message): number {
  const t = Date.parse(m.createdAt);
  return Number.isNaN(t) ? 0 : t;
}

const iso = (t: string) => t.length === 24 && t[23] === "Z" && t[10] === "T" && t[19] === ".";

/** MongoDB ObjectIds: seconds, a per-process part, then a counter (both Socket.IO seeds). */
const OBJECT_ID = /^[0-9a-f]{24}$/;

/**
 * Server order: creation time, then the id where ids are ordered as the servers store them:
 * numeric ids (sequences), and ObjectIds, whose counter orders a process's inserts of one
 * millisecond. Other ids (UUIDs) say nothing about order, so ties keep arrival order until a
 * history page tells the server's.
 */
export function compare(a: Message, b: Message): number {
  const ca = a.createdAt;
  const cb = b.createdAt;
  if (ca !== cb) {
    // Both in the one ISO form servers send ("2026-01-01T00:00:00.000Z"): they compare as text,
    // without parsing (this runs for every message that arrives).
    if (iso(ca) && iso(cb)) return ca < cb ? -1 : 1;
    const ta = time(a);
    const tb = time(b);
    if (ta !== tb) return ta - tb;
  }
  const ia = a.id ?? "";
  const ib = b.id ?? "";
  if (/^\d+$/.test(ia) && /^\d+$/.test(ib)) return Number(ia) - Number(ib);
  if (OBJECT_ID.test(ia) && OBJECT_ID.test(ib)) return ia < ib ? -1 : ia > ib ? 1 : 0;
  return 0;
}

/** Two confirmed messages whose order only the server knows. */
export const tie = (a: Message, b: Message): boolean =>
  !isLocal(a) && !isLocal(b) && compare(a, b) === 0;

/** Where a confirmed message (this very object) stands in `list`; -1 when absent. */
export function positionOf(list: ChunkedList<Message>, message: Message): number {
  const size = listSize(list);
  for (let i = firstWhere(list, (m) => compare(m, message) >= 0); i < size; i++) {
    const m = itemAt(list, i);
    if (m === message) return i;
    if (compare(m, message) !== 0) break;
  }
  // Out of order (an id changed under a message without moving it): look everywhere.
  return pushItems(list, []).indexOf(message);
}

/** Where `message` goes: before its ties (`first`) or after them. */
export function placeOf(list: ChunkedList<Message>, message: Message, first: boolean): number {
  const size = listSize(list);
  // Live messages almost always come last: no search.
  if (!first && (size === 0 || compare(itemAt(list, size - 1), message) <= 0)) return size;
  return firstWhere(list, (m) => (first ? compare(m, message) >= 0 : compare(m, message) > 0));
}

/** A confirmed message whose time changed: where it was (-1: absent), it now, moved later. */
export type Moved = [number, Message, boolean];

/**
 * Takes moved messages out of their places (the last first, so the others' positions hold) and
 * puts them where a stable sort would: before their new ties when they moved later, after them
 * else, and among themselves in their former order.
 */
export function placeMoved(list: ChunkedList<Message>, moved: Moved[]): ChunkedList<Message> {
  moved.sort((a, b) => b[0] - a[0]);
  for (const [at] of moved) if (at >= 0) list = spliceList(list, at, 1);
  // Each goes before its ties, so the later ones of a run go in first.
  const later = moved.filter((m) => m[2]);
  const earlier = moved.filter((m) => !m[2]).reverse();
  for (const [, message, isLater] of [...later, ...earlier])
    list = spliceList(list, placeOf(list, message, isLater), 0, [message]);
  return list;
}

/**
 * Runs of confirmed messages that tie (same time, ids that tell no order) as the server orders
 * them, which `page` shows: its messages take the page's order among the places they hold in a
 * run, the others stay put. Only the runs the page touches are read.
 */
export function inPageOrder(
  list: ChunkedList<Message>,
  page: readonly Message[],
  keyOf: (id: string) => string | undefined,
  newest: (key: string) => Message,
): ChunkedList<Message> {
  const rank = new Map<string, number>();
  page.forEach((m, i) => {
    const clientId = m.id === undefined ? undefined : keyOf(m.id);
    if (clientId !== undefined) rank.set(clientId, i);
  });
  const size = listSize(list);
  const seen = new Set<number>();
  let result = list;
  for (const clientId of rank.keys()) {
    const message = newest(clientId);
    if (isLocal(message)) continue;
    const start = firstWhere(result, (m) => compare(m, message) >= 0);
    if (start >= size || seen.has(start)) continue;
    seen.add(start);
    const first = itemAt(result, start);
    let end = start + 1;
    while (end < size && tie(first, itemAt(result, end))) end += 1;
    if (end - start < 2) continue;
    const places: number[] = [];
    for (let i = start; i < end; i++) if (rank.has(itemAt(result, i).clientId)) places.push(i);
    const members = places.map((i) => itemAt(result, i));
    members.sort((a, b) => (rank.get(a.clientId) as number) - (rank.get(b.clientId) as number));
    places.forEach((place, i) => {
      const member = members[i] as Message;
      if (itemAt(result, place) !== member) result = spliceList(result, place, 1, [member]);
    });
  }
  return result;
}

/**
 * `list` with new confirmed messages each where the server's order puts it (ties: after those
 * there, or before them for an `older` page). Those that go last (live messages, a burst) are
 * appended at once: O(k + log n).
 */
export function placeNew(
  list: ChunkedList<Message>,
  fresh: Message[],
  older: boolean,
): ChunkedList<Message> {
  // An older page belongs before what we have, ties included, in its own (sorted) order.
  if (older) fresh.sort(compare).reverse();
  let tail: Message[] = [];
  const append = () => {
    if (tail.length > 0) list = spliceList(list, listSize(list), 0, tail);
    tail = [];
  };
  for (const m of fresh) {
    const last = tail.at(-1);
    if (last && compare(last, m) <= 0) {
      tail.push(m);
      continue;
    }
    append();
    const at = placeOf(list, m, older);
    if (!older && at === listSize(list)) tail.push(m);
    else list = spliceList(list, at, 0, [m]);
  }
  append();
  return list;
}
