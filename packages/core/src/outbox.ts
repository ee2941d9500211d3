import type { OutgoingMessage } from "./adapter.js";
import { Backoff } from "./backoff.js";
import type { Timers } from "./environment.js";
import { ParleyError } from "./errors.js";
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
  | "failed";

export interface OutboxEntry {
  readonly outgoing: OutgoingMessage;
  state: OutboxEntryState;
  attempts: number;
  /** When it was first put on the wire (ms), for matching it in history. */
  firstSentAt?: number;
  /** When it was queued (ms). */
  queuedAt: number;
}

export interface OutboxOptions {
  /** Puts a message on the wire; resolves with the server's copy or null (echo to come). */
  send(outgoing: OutgoingMessage): Promise<Message | null>;
  /** Fetches the newest messages of a conversation, for checking before a resend. */
  recent?(conversationId: string): Promise<Message[]>;
  /** Our own user id, to recognize our messages in history. */
  me(): string | null;
  confirmed(clientId: string, server: Message): void;
  failed(clientId: string, error: ParleyError): void;
  /** Any change of entries (for persistence and status display). */
  changed?(): void;
  /**
   * Runs once an entry is marked in flight, before it goes on the wire: a persistent cache makes
   * the mark durable first, so that after a crash the entry is checked, never blindly resent.
   */
  beforeSend?(entry: OutboxEntry): Promise<void>;
  timers: Timers;
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

/**
 * Queues sends, flushes them in order per conversation while connected, matches each to its
 * confirmation (a returned copy, an echo, or the history after a reconnect) and retries with
 * backoff, so a message is never lost and never sent twice.
 */
export class Outbox {
  private readonly entries = new Map<string, OutboxEntry>();
  private readonly order: string[] = [];
  private readonly busy = new Set<string>();
  private readonly timers = new Map<string, unknown>();
  private readonly backoffs = new Map<string, Backoff>();
  private connected = false;

  constructor(private readonly options: OutboxOptions) {}

  /** Every entry, in send order (for persistence). */
  list(): OutboxEntry[] {
    return this.order.map((id) => this.entries.get(id) as OutboxEntry);
  }

  get(clientId: string): OutboxEntry | undefined {
    return this.entries.get(clientId);
  }

  /**
   * Adds a message (also on restore from a cache, or from another tab); sends it when its turn
   * comes. A known entry that another tab has put on the wire since must be checked first.
   */
  enqueue(outgoing: OutgoingMessage, restored?: Partial<OutboxEntry>): void {
    const known = this.entries.get(outgoing.clientId);
    if (known) {
      if (restored?.attempts && known.state === "queued" && known.attempts === 0) {
        known.state = "unconfirmed";
        known.attempts = restored.attempts;
        if (restored.firstSentAt !== undefined) known.firstSentAt = restored.firstSentAt;
        this.options.changed?.();
      }
      return;
    }
    const state = restored?.state === "inflight" ? "unconfirmed" : (restored?.state ?? "queued");
    this.entries.set(outgoing.clientId, {
      outgoing,
      state: state === "waiting" ? "queued" : state,
      attempts: restored?.attempts ?? 0,
      ...(restored?.firstSentAt === undefined ? {} : { firstSentAt: restored.firstSentAt }),
      queuedAt: restored?.queuedAt ?? this.options.timers.now(),
    });
    this.order.push(outgoing.clientId);
    this.options.changed?.();
    this.pump(outgoing.conversationId);
  }

  /** The link is up: check what was in flight, then send in order. */
  online(): void {
    this.connected = true;
    for (const conversationId of this.conversations()) this.pump(conversationId);
  }

  /** The link is down: whatever was in flight must be checked before it is sent again. */
  offline(): void {
    this.connected = false;
    for (const entry of this.entries.values()) {
      if (entry.state === "inflight") entry.state = "unconfirmed";
    }
    for (const timer of this.timers.values()) this.options.timers.clearTimeout(timer);
    this.timers.clear();
    for (const entry of this.entries.values())
      if (entry.state === "waiting") entry.state = "unconfirmed";
    // Sends waiting for an echo end now; they are checked against history on reconnect.
    for (const release of [...this.waiters.values()]) release();
    this.options.changed?.();
  }

  /**
   * A message of ours arrived from the server without our client id (an echo, or another
   * copy). Answers the client id of the entry it confirms, or null.
   */
  match(message: Message): string | null {
    if (message.senderId !== this.options.me()) return null;
    for (const clientId of this.order) {
      const entry = this.entries.get(clientId) as OutboxEntry;
      if (entry.outgoing.conversationId !== message.conversationId) continue;
      if (entry.state === "queued" && entry.attempts === 0) continue; // never put on the wire
      if (entry.outgoing.text === message.text) {
        this.confirm(clientId, message);
        return clientId;
      }
    }
    return null;
  }

  /** Another tab confirmed the message: done here too. */
  settle(clientId: string, server: Message): void {
    this.confirm(clientId, server);
  }

  /** Another tab gave the message up: `failed` here too, for `retry()` or `discard()`. */
  fail(clientId: string, error: ParleyError): void {
    const entry = this.entries.get(clientId);
    if (!entry || entry.state === "failed") return;
    entry.state = "failed";
    this.options.changed?.();
    this.options.failed(clientId, error);
  }

  /** Sends a failed message again, from a fresh attempt count. */
  retry(clientId: string): void {
    const entry = this.entries.get(clientId);
    if (entry?.state !== "failed") return;
    entry.state = "queued";
    entry.attempts = 0;
    this.backoffs.delete(clientId);
    this.options.changed?.();
    this.pump(entry.outgoing.conversationId);
  }

  /** Forgets a failed or queued message (never one that may be on the server). */
  discard(clientId: string): boolean {
    const entry = this.entries.get(clientId);
    if (!entry || (entry.state !== "failed" && entry.state !== "queued")) return false;
    if (entry.state === "queued" && entry.attempts > 0) return false;
    this.remove(clientId);
    return true;
  }

  /** Stops timers (client destroyed). */
  dispose(): void {
    this.connected = false;
    for (const timer of this.timers.values()) this.options.timers.clearTimeout(timer);
    this.timers.clear();
  }

  private conversations(): Set<string> {
    return new Set(
      this.order.map((id) => (this.entries.get(id) as OutboxEntry).outgoing.conversationId),
    );
  }

  private head(conversationId: string): OutboxEntry | undefined {
    for (const clientId of this.order) {
      const entry = this.entries.get(clientId) as OutboxEntry;
      if (entry.outgoing.conversationId === conversationId && entry.state !== "failed")
        return entry;
    }
    return undefined;
  }

  /** Moves one conversation's queue forward; one message on the wire at a time keeps order. */
  private pump(conversationId: string): void {
    if (!this.connected || this.busy.has(conversationId)) return;
    const entry = this.head(conversationId);
    if (!entry || entry.state === "inflight" || entry.state === "waiting") return;
    this.busy.add(conversationId);
    const step = entry.state === "unconfirmed" ? this.verify(entry) : Promise.resolve(false);
    step
      .then((alreadyThere) => {
        if (alreadyThere || !this.connected || entry.state === "failed") return;
        return this.transmit(entry);
      })
      .catch(() => {})
      .finally(() => {
        this.busy.delete(conversationId);
        this.pump(conversationId);
      });
  }

  /** Checks the recent history for an unconfirmed entry; true when it was found there. */
  private async verify(entry: OutboxEntry): Promise<boolean> {
    const { recent, me } = this.options;
    if (!recent) return false;
    let messages: Message[];
    try {
      messages = await recent(entry.outgoing.conversationId);
    } catch {
      return false;
    }
    if (entry.state !== "unconfirmed") return entry.state !== "queued";
    const skew = this.options.clockSkewMs ?? 120_000;
    const since = (entry.firstSentAt ?? 0) - skew;
    const found = messages.find(
      (m) =>
        m.senderId === me() &&
        m.text === entry.outgoing.text &&
        Date.parse(m.createdAt) >= since &&
        !this.claimed(m),
    );
    if (!found) {
      entry.state = "queued";
      return false;
    }
    this.confirm(entry.outgoing.clientId, found);
    return true;
  }

  private readonly confirmedIds = new Set<string>();

  private claimed(message: Message): boolean {
    return message.id !== undefined && this.confirmedIds.has(message.id);
  }

  private async transmit(entry: OutboxEntry): Promise<void> {
    const { outgoing } = entry;
    entry.state = "inflight";
    entry.attempts += 1;
    entry.firstSentAt ??= this.options.timers.now();
    this.options.changed?.();
    if (this.options.beforeSend) {
      await this.options.beforeSend(entry);
      // The link may have dropped meanwhile (`offline` made it unconfirmed): checked later.
      if (this.entries.get(outgoing.clientId) !== entry || entry.state !== "inflight") return;
    }
    const sending = this.options.send(outgoing);
    let server: Message | null | undefined;
    try {
      // A send that never settles (a half-open link) must not hold the queue.
      server = await this.within(entry, sending);
    } catch (error) {
      const failure =
        error instanceof ParleyError
          ? error
          : new ParleyError("network", "Send failed", { cause: error });
      this.sendFailed(entry, failure);
      return;
    }
    if (server === undefined) {
      // Past the deadline: checked against history later, but a late answer still confirms it.
      sending.then(
        (late) => late && this.confirm(outgoing.clientId, late),
        () => {},
      );
      return;
    }
    if (server) {
      this.confirm(outgoing.clientId, server);
      return;
    }
    if (this.entries.get(outgoing.clientId) !== entry || entry.state !== "inflight") return;
    // Confirmation comes as an echo; wait for it, then check history if it never comes.
    await this.within(entry);
  }

  /**
   * Waits at most the ack timeout for `answer`, or without one for an echo to confirm the
   * entry. Past it, the entry is unconfirmed (history decides) and the link is reported as
   * suspect; going offline or a confirmation ends the wait early. Answers undefined unless
   * `answer` settled in time.
   */
  private within<T>(entry: OutboxEntry, answer?: Promise<T>): Promise<T | undefined> {
    const { clientId } = entry.outgoing;
    const { timers } = this.options;
    return new Promise<T | undefined>((resolve, reject) => {
      const done = () => {
        timers.clearTimeout(timer);
        // A later attempt of the same entry may have its own timer and waiter by now.
        if (this.timers.get(clientId) === timer) this.timers.delete(clientId);
        if (this.waiters.get(clientId) === release) this.waiters.delete(clientId);
      };
      const release = () => {
        done();
        resolve(undefined);
      };
      const timer = timers.setTimeout(() => {
        done();
        if (entry.state === "inflight") {
          entry.state = "unconfirmed";
          this.options.unanswered?.();
        }
        resolve(undefined);
      }, this.options.ackTimeoutMs ?? 10_000);
      this.timers.set(clientId, timer);
      this.waiters.set(clientId, release);
      answer?.then(
        (value) => {
          done();
          resolve(value);
        },
        (error: unknown) => {
          done();
          reject(error);
        },
      );
    });
  }

  private readonly waiters = new Map<string, () => void>();

  private sendFailed(entry: OutboxEntry, error: ParleyError): void {
    const { clientId } = entry.outgoing;
    if (error.code === "timeout") this.options.unanswered?.();
    const max = this.options.maxAttempts ?? 5;
    if (!error.retryable || entry.attempts >= max) {
      entry.state = "failed";
      this.options.changed?.();
      this.options.failed(clientId, error);
      return;
    }
    if (!this.connected) {
      entry.state = "unconfirmed";
      return;
    }
    entry.state = "waiting";
    let backoff = this.backoffs.get(clientId);
    if (!backoff) {
      backoff = this.options.backoff?.() ?? new Backoff({ min: 1000, max: 30_000 });
      this.backoffs.set(clientId, backoff);
    }
    const timer = this.options.timers.setTimeout(() => {
      this.timers.delete(clientId);
      if (entry.state !== "waiting") return;
      entry.state = "unconfirmed";
      this.pump(entry.outgoing.conversationId);
    }, backoff.duration());
    this.timers.set(clientId, timer);
    this.options.changed?.();
  }

  private confirm(clientId: string, server: Message): void {
    if (!this.entries.has(clientId)) return;
    if (server.id !== undefined) this.confirmedIds.add(server.id);
    const conversationId = (this.entries.get(clientId) as OutboxEntry).outgoing.conversationId;
    this.remove(clientId);
    this.options.confirmed(clientId, server);
    this.waiters.get(clientId)?.();
    this.pump(conversationId);
  }

  private remove(clientId: string): void {
    this.entries.delete(clientId);
    const index = this.order.indexOf(clientId);
    if (index >= 0) this.order.splice(index, 1);
    const timer = this.timers.get(clientId);
    if (timer !== undefined) this.options.timers.clearTimeout(timer);
    this.timers.delete(clientId);
    this.backoffs.delete(clientId);
    this.options.changed?.();
  }
}
