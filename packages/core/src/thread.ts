import type { Message, MessageStatus } from "./model.js";

/**
 * The messages of one conversation: confirmed messages in server order, then the local ones
 * (pending or failed) in the order they were sent. Immutable: every change makes a new thread.
 */
export interface Thread {
  /** Client ids, in display order. */
  readonly order: readonly string[];
  readonly byClientId: Readonly<Record<string, Message>>;
  /** Server id to client id. */
  readonly byServerId: Readonly<Record<string, string>>;
  /** Older history may exist on the server. */
  readonly hasMore: boolean;
  /** Where the next older page starts; adapter specific. */
  readonly cursor: string | null;
}

export const emptyThread: Thread = {
  order: [],
  byClientId: {},
  byServerId: {},
  hasMore: true,
  cursor: null,
};

const RANK: Record<MessageStatus, number> = {
  failed: 0,
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

/** Server order: creation time, then server id (numeric ids compare as numbers). */
function before(a: Message, b: Message): boolean {
  const ta = time(a);
  const tb = time(b);
  if (ta !== tb) return ta < tb;
  const ia = a.id ?? "";
  const ib = b.id ?? "";
  if (/^\d+$/.test(ia) && /^\d+$/.test(ib)) return Number(ia) < Number(ib);
  return ia < ib;
}

/**
 * Merges messages into a thread in one pass: copies that share a server id or a client id
 * become one message, fields are combined, receipts only move forward, and the order is
 * rebuilt once. Returns the same thread when nothing changed.
 */
export function mergeMessages(thread: Thread, incoming: readonly Message[]): Thread {
  if (incoming.length === 0) return thread;
  const byClientId: Record<string, Message> = { ...thread.byClientId };
  const byServerId: Record<string, string> = { ...thread.byServerId };
  let changed = false;
  let reorder = false;
  const added: string[] = [];

  for (const message of incoming) {
    const existingKey =
      (message.id !== undefined ? byServerId[message.id] : undefined) ??
      (byClientId[message.clientId] ? message.clientId : undefined);
    if (existingKey === undefined) {
      byClientId[message.clientId] = message;
      if (message.id !== undefined) byServerId[message.id] = message.clientId;
      added.push(message.clientId);
      changed = true;
      continue;
    }
    const previous = byClientId[existingKey] as Message;
    const merged = combine(previous, message);
    if (merged === previous) continue;
    byClientId[existingKey] = merged;
    if (merged.id !== undefined) byServerId[merged.id] = existingKey;
    if (isLocal(previous) !== isLocal(merged) || previous.createdAt !== merged.createdAt) {
      reorder = true;
    }
    changed = true;
  }
  if (!changed) return thread;

  let order: string[];
  if (!reorder && added.length > 0 && canAppend(thread, byClientId, added)) {
    order = [...thread.order, ...added];
  } else if (!reorder && added.length === 0) {
    order = thread.order as string[];
  } else {
    order = sortOrder([...thread.order, ...added], byClientId);
  }
  return { ...thread, order, byClientId, byServerId };
}

/** Fast path: new confirmed messages that all sort after the last confirmed one, no locals. */
function canAppend(thread: Thread, byClientId: Record<string, Message>, added: string[]): boolean {
  const lastKey = thread.order.at(-1);
  const last = lastKey === undefined ? undefined : byClientId[lastKey];
  if (last && isLocal(last)) return false;
  let previous = last;
  for (const key of added) {
    const message = byClientId[key] as Message;
    if (isLocal(message)) return false;
    if (previous && before(message, previous)) return false;
    previous = message;
  }
  return true;
}

function sortOrder(keys: string[], byClientId: Record<string, Message>): string[] {
  const confirmed: Message[] = [];
  const local: string[] = [];
  for (const key of keys) {
    const message = byClientId[key] as Message;
    if (isLocal(message)) local.push(key);
    else confirmed.push(message);
  }
  confirmed.sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  return [...confirmed.map((m) => m.clientId), ...local];
}

function combine(previous: Message, next: Message): Message {
  const status =
    previous.status === "failed" && next.id === undefined
      ? next.status
      : laterStatus(previous.status, next.status);
  const merged: Message = {
    ...previous,
    ...stripUndefined(next),
    clientId: previous.clientId,
    status: next.id !== undefined && isLocal(previous) ? laterStatus("sent", next.status) : status,
  };
  if (next.id === undefined && previous.id !== undefined) {
    // A local update never turns a confirmed message back into a local one.
    merged.id = previous.id;
    merged.createdAt = previous.createdAt;
  }
  if (previous.deleted) merged.deleted = true;
  if (merged.id !== undefined) delete merged.error;
  return shallowEqual(previous, merged) ? previous : merged;
}

function stripUndefined(message: Message): Partial<Message> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(message)) if (value !== undefined) out[key] = value;
  return out as Partial<Message>;
}

function shallowEqual(a: Message, b: Message): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (
      (a as unknown as Record<string, unknown>)[key] !==
      (b as unknown as Record<string, unknown>)[key]
    ) {
      return false;
    }
  }
  return true;
}

/** Removes a local message (discarded by the user). */
export function removeLocal(thread: Thread, clientId: string): Thread {
  const message = thread.byClientId[clientId];
  if (!message || !isLocal(message)) return thread;
  const { [clientId]: _removed, ...byClientId } = thread.byClientId;
  return { ...thread, byClientId, order: thread.order.filter((k) => k !== clientId) };
}

/** The messages of a thread in display order. */
export function threadMessages(thread: Thread): Message[] {
  return thread.order.map((key) => thread.byClientId[key] as Message);
}
