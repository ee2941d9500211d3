import type { DBSchema } from "idb";
import type { OutboxRecord } from "../cache.js";
import type { Conversation, Message } from "../model.js";

/** The schema this code reads and writes; {@link migrations} bring older databases up to it. */
export const SCHEMA_VERSION = 3;

/** A confirmed message: `c` conversation, `id` server id, `t` and `s` its place in server order. */
export interface MessageRecord {
  c: string;
  id: string;
  /** Creation time (ms). */
  t: number;
  /** The server id as a number when it is one (sequences sort numerically), else the id. */
  s: number | string;
  m: Message;
  /** The words the message is found by, when the cache was given `terms`; none once deleted. */
  w?: string[];
}

export interface ConversationRecord {
  id: string;
  conversation: Conversation | null;
  /** Where the network continues past `oldestId`; valid only while that message is the oldest. */
  cursor: string | null;
  hasMore: boolean;
  oldestId: string | null;
  /** Last activity or opening (ms): the least recently used conversations are evicted first. */
  usedAt: number;
}

export interface OutboxRow extends OutboxRecord {
  clientId: string;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export interface CacheSchema extends DBSchema {
  meta: { key: string; value: MetaRow };
  conversations: { key: string; value: ConversationRecord; indexes: { usedAt: number } };
  messages: {
    key: [string, string];
    value: MessageRecord;
    indexes: { order: [string, number, number | string]; words: string; time: number };
  };
  outbox: { key: string; value: OutboxRow };
}

export type StoreName = "meta" | "conversations" | "messages" | "outbox";
