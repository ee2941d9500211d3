import type { OutgoingMessage } from "./adapter.js";
import type { Backoff } from "./backoff.js";
import type { Timers } from "./environment.js";
import type { ParleyError } from "./errors.js";
import type { Message } from "./model.js";

/** Where an outbox entry is. */
export type OutboxEntryState =
  /** Waiting for its turn or for a connection. */
  | "queued"
  /** Sent on the current connection; its confirmation has not come yet. */
  | "inflight"
  /** Was in flight when the link broke: history must be checked before it is sent again. */
  | "unconfirmed"
  /** A retryable failure; tried again after a backoff delay. */
  | "waiting"
  /** Given up; `retry()` or `discard()`. */
  | "failed"
  /**
   * Sent, never confirmed, and the backend cannot show whether it stored it (no history, or
   * history failing): never sent again on its own; `retry()` or `discard()`.
   */
  | "unknown";

export interface OutboxEntry {
  readonly outgoing: OutgoingMessage;
  state: OutboxEntryState;
  attempts: number;
  /** When it was first put on the wire (ms), for matching it in history. */
  firstSentAt?: number;
  /** When it was queued (ms). */
  queuedAt: number;
}

/**
 * What the outbox publishes. The store shows it, the cache persists it and tells other tabs; the
 * outbox calls nobody back. `updated` is any other change of an entry's state (for persistence).
 */
export type OutboxChange =
  /** A new entry, sent here or adopted from a cache or another tab (`adopted`). */
  | { type: "queued"; entry: Readonly<OutboxEntry>; adopted: boolean }
  | { type: "confirmed"; clientId: string; conversationId: string; message: Message }
  | { type: "failed"; clientId: string; conversationId: string; error: ParleyError }
  /** The entry is now `unknown`: the user decides. */
  | { type: "unconfirmed"; clientId: string; conversationId: string }
  | { type: "retried"; clientId: string; conversationId: string }
  | { type: "discarded"; clientId: string; conversationId: string }
  /** Entries whose state, attempts or first send time changed (what a cache must store). */
  | { type: "updated"; entries: readonly Readonly<OutboxEntry>[] };

/**
 * A new entry: queued, or as restored from a cache or another tab. One that was in flight may be
 * on the server: it is checked against history before it is sent again.
 */
export function newEntry(
  outgoing: OutgoingMessage,
  restored: Partial<OutboxEntry> | undefined,
  now: number,
): OutboxEntry {
  const state = restored?.state === "inflight" ? "unconfirmed" : (restored?.state ?? "queued");
  return {
    outgoing,
    state: state === "waiting" ? "queued" : state,
    attempts: restored?.attempts ?? 0,
    ...(restored?.firstSentAt === undefined ? {} : { firstSentAt: restored.firstSentAt }),
    queuedAt: restored?.queuedAt ?? now,
  };
}

/**
 * Another tab put a known entry on the wire since: it must be checked before it is sent here.
 * Answers whether the entry changed.
 */
export function learnAttempts(known: OutboxEntry, restored: Partial<OutboxEntry>): boolean {
  if (!restored.attempts || known.state !== "queued" || known.attempts !== 0) return false;
  known.state = "unconfirmed";
  known.attempts = restored.attempts;
  if (restored.firstSentAt !== undefined) known.firstSentAt = restored.firstSentAt;
  return true;
}

/**
 * What becomes of an entry whose send failed after `attempts`: sent again without a history
 * check when known not stored (the link was not open, the server refused it), checked first
 * otherwise, given up when not retryable or past `max` attempts. A rate limit only asks to
 * wait, however often it comes.
 */
export function afterFailure(
  error: ParleyError,
  attempts: number,
  max: number,
): "failed" | "queued" | "unconfirmed" {
  if (!error.retryable || (attempts >= max && error.code !== "rate-limited")) return "failed";
  return error.unsent ? "queued" : "unconfirmed";
}

/** Given up, left to the user, or never put on the wire: what the user may discard. */
export function discardable(entry: OutboxEntry): boolean {
  const { state, attempts } = entry;
  return state === "failed" || state === "unknown" || (state === "queued" && attempts === 0);
}

export interface OutboxOptions {
  /** Puts a message on the wire; resolves with the server's copy or null (echo to come). */
  send(outgoing: OutgoingMessage): Promise<Message | null>;
  /** Fetches the newest messages of a conversation, for checking before a resend. */
  recent?(conversationId: string): Promise<Message[]>;
  /** Our own user id, to recognize our messages in history. */
  me(): string | null;
  /**
   * Runs once an entry is marked in flight, before it goes on the wire: a persistent cache makes
   * the mark durable first, so that after a crash the entry is checked, never blindly resent.
   */
  beforeSend?(entry: OutboxEntry): Promise<void>;
  timers: Timers;
  /**
   * How many sends of one conversation may wait for their answers at once: the session's
   * `sendWindow`, read on every use.
   * @default 1
   */
  sendWindow?(): number;
  /** Send attempts before a message is `failed`. @default 5 */
  maxAttempts?: number;
  /** How long a sent message may wait for its confirmation before it is checked. @default 10000 */
  ackTimeoutMs?: number;
  /** A confirmation did not come in time: the link may be dead (half-open) and worth checking. */
  unanswered?(): void;
  /** Backoff between retries. @default 1 s growing to 30 s */
  backoff?: () => Backoff;
  /** Tolerated clock difference with the server when matching history. @default 120000 */
  clockSkewMs?: number;
}
