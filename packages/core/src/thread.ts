import type { Message, MessageStatus } from "./model.js";

/**
 * The messages of one conversation: confirmed messages in server order, then the local ones
 * (pending or failed) in the order they were sent. A new thread object (and a new `messages`
 * array) on every change; a thread is never mutated.
 */
export interface Thread {
  /** Display order. */
  readonly messages: readonly Message[];
  /** Older history may exist on the server. */
  readonly hasMore: boolean;
  /** Where the next older page starts; adapter specific. */
  readonly cursor: string | null;
}

/**
 * Lookups by client id and server id. Copying an index of n keys on every change would make a
 * long thread quadratic, so one index serves a thread and all its successors: it always
 * describes the newest version, which is the only one the client merges into.
 */
interface Index {
  byClientId: Map<string, Message>;
  byServerId: Map<string, string>;
}

const indexes = new WeakMap<Thread, Index>();

export const emptyThread: Thread = Object.freeze({ messages: [], hasMore: true, cursor: null });

function indexOf(thread: Thread): Index {
  let index = indexes.get(thread);
  if (!index) {
    index = { byClientId: new Map(), byServerId: new Map() };
    for (const message of thread.messages) {
      index.byClientId.set(message.clientId, message);
      if (message.id !== undefined) index.byServerId.set(message.id, message.clientId);
    }
    if (thread !== emptyThread) indexes.set(thread, index);
  }
  return index;
}

function derive(from: Thread, changes: Partial<Thread>, index: Index): Thread {
  const next: Thread = { ...from, ...changes };
  indexes.set(next, index);
  return next;
}

/** The message with this client id (its newest version), if any. */
export function findMessage(thread: Thread, clientId: string): Message | undefined {
  return indexOf(thread).byClientId.get(clientId);
}

/** The message with this server id (its newest version), if any. */
export function findByServerId(thread: Thread, id: string): Message | undefined {
  const index = indexOf(thread);
  const clientId = index.byServerId.get(id);
  return clientId === undefined ? undefined : index.byClientId.get(clientId);
}

/** The messages of a thread in display order. */
export function threadMessages(thread: Thread): readonly Message[] {
  return thread.messages;
}

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

const isLocal = (m: Message) => m.id === undefined;

function time(m: Message): number {
  const t = Date.parse(m.createdAt);
  return Number.isNaN(t) ? 0 : t;
}

/** MongoDB ObjectIds: seconds, a per-process part, then a counter (both Socket.IO seeds). */
const OBJECT_ID = /^[0-9a-f]{24}$/;

/**
 * Server order: creation time, then the id where ids are ordered as the servers store them:
 * numeric ids (sequences), and ObjectIds, whose counter orders a process's inserts of one
 * millisecond. Other ids (UUIDs) say nothing about order, so ties keep arrival order (the sort
 * is stable) until a history page tells the server's (`inPageOrder`).
 */
function compare(a: Message, b: Message): number {
  const ta = time(a);
  const tb = time(b);
  if (ta !== tb) return ta - tb;
  const ia = a.id ?? "";
  const ib = b.id ?? "";
  if (/^\d+$/.test(ia) && /^\d+$/.test(ib)) return Number(ia) - Number(ib);
  if (OBJECT_ID.test(ia) && OBJECT_ID.test(ib)) return ia < ib ? -1 : ia > ib ? 1 : 0;
  return 0;
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
 * Merges messages into a thread: copies that share a server id or a client id become one
 * message, fields are combined, receipts only move forward, deletion sticks. New confirmed
 * messages that sort last are appended; anything else re-sorts once. Returns the same thread
 * when nothing changed.
 */
export function merge(
  thread: Thread,
  incoming: readonly Message[],
  options: MergeOptions = {},
): MergeResult {
  if (incoming.length === 0) return { thread, added: [] };
  const index = indexOf(thread);
  // Original object in `thread.messages` to its newest version, and newest back to original.
  const replaced = new Map<Message, Message>();
  const origin = new Map<Message, Message>();
  const added: Message[] = [];
  let resort = false;

  for (const message of incoming) {
    const key =
      (message.id !== undefined ? index.byServerId.get(message.id) : undefined) ??
      (index.byClientId.has(message.clientId) ? message.clientId : undefined);
    if (key === undefined) {
      index.byClientId.set(message.clientId, message);
      if (message.id !== undefined) index.byServerId.set(message.id, message.clientId);
      added.push(message);
      continue;
    }
    const previous = index.byClientId.get(key) as Message;
    const merged = combine(previous, message);
    if (merged === previous) continue;
    index.byClientId.set(key, merged);
    if (merged.id !== undefined) index.byServerId.set(merged.id, key);
    // Chains of updates in one batch replace the original object.
    const original = origin.get(previous) ?? previous;
    replaced.set(original, merged);
    origin.set(merged, original);
    if (isLocal(previous) !== isLocal(merged) || previous.createdAt !== merged.createdAt)
      resort = true;
  }
  if (replaced.size === 0 && added.length === 0) {
    // Nothing new, but the page may still tell the order of ties that arrived live.
    const reordered = options.ordered ? inPageOrder(thread.messages, incoming, index) : null;
    return {
      thread: reordered ? derive(thread, { messages: reordered }, index) : thread,
      added: [],
    };
  }

  const fresh = added.map((m) => index.byClientId.get(m.clientId) as Message);
  let messages =
    replaced.size > 0 ? thread.messages.map((m) => replaced.get(m) ?? m) : thread.messages.slice();
  if (!resort && !options.older && appendable(messages, fresh)) {
    for (const message of fresh) messages.push(message);
  } else {
    // Ties keep arrival order; an older page arrives late but belongs before what we have.
    messages = sorted(options.older ? [...fresh, ...messages] : [...messages, ...fresh]);
  }
  if (options.ordered) messages = inPageOrder(messages, incoming, index) ?? messages;
  return { thread: derive(thread, { messages }, index), added: added.map((m) => m.clientId) };
}

/** `merge` without the report. */
export function mergeMessages(
  thread: Thread,
  incoming: readonly Message[],
  options: MergeOptions = {},
): Thread {
  return merge(thread, incoming, options).thread;
}

/**
 * True when `added` can go at the end as is: only local messages (they always come last), or
 * confirmed ones in order after the last message while no local one is waiting.
 */
function appendable(messages: readonly Message[], added: readonly Message[]): boolean {
  if (added.every(isLocal)) return true;
  let previous = messages.at(-1);
  for (const message of added) {
    if (isLocal(message)) return false;
    if (previous && (isLocal(previous) || compare(message, previous) < 0)) return false;
    previous = message;
  }
  return true;
}

/**
 * Runs of confirmed messages that tie (same time, ids that tell no order) as the server orders
 * them, which `page` shows: its messages take the page's order among the places they hold in a
 * run, the others stay put. Null when the order was already the server's.
 */
function inPageOrder(
  messages: readonly Message[],
  page: readonly Message[],
  index: Index,
): Message[] | null {
  const rank = new Map<string, number>();
  page.forEach((m, i) => {
    const clientId = m.id === undefined ? undefined : index.byServerId.get(m.id);
    if (clientId !== undefined) rank.set(clientId, i);
  });
  let result: Message[] | null = null;
  for (let start = 0, end = 1; start < messages.length; start = end, end = start + 1) {
    const first = messages[start] as Message;
    while (end < messages.length && tie(first, messages[end] as Message)) end += 1;
    if (end - start < 2) continue;
    const places: number[] = [];
    for (let i = start; i < end; i++)
      if (rank.has((messages[i] as Message).clientId)) places.push(i);
    const members = places.map((i) => messages[i] as Message);
    members.sort((a, b) => (rank.get(a.clientId) as number) - (rank.get(b.clientId) as number));
    places.forEach((place, i) => {
      if (messages[place] === members[i]) return;
      result ??= messages.slice();
      result[place] = members[i] as Message;
    });
  }
  return result;
}

const tie = (a: Message, b: Message) => !isLocal(a) && !isLocal(b) && compare(a, b) === 0;

function sorted(messages: Message[]): Message[] {
  const confirmed = messages.filter((m) => !isLocal(m)).sort(compare);
  const local = messages.filter(isLocal);
  return [...confirmed, ...local];
}

function combine(previous: Message, next: Message): Message {
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
    // A local update never turns a confirmed message back into a local one.
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

/** Removes a local message (discarded, or superseded by its confirmed copy). */
export function removeLocal(thread: Thread, clientId: string): Thread {
  const index = indexOf(thread);
  const message = index.byClientId.get(clientId);
  if (!message || !isLocal(message)) return thread;
  index.byClientId.delete(clientId);
  return derive(thread, { messages: thread.messages.filter((m) => m !== message) }, index);
}

/** Replaces paging state. */
export function withPaging(thread: Thread, cursor: string | null, hasMore: boolean): Thread {
  if (thread.cursor === cursor && thread.hasMore === hasMore) return thread;
  return derive(thread, { cursor, hasMore }, indexOf(thread));
}
