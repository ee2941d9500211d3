import { AckDeadlines } from "./ack-deadlines.js";
import type { OutgoingMessage } from "./adapter.js";
import { asParleyError, ParleyError, type ParleyErrorCode } from "./errors.js";
import { type Proof, proveEach } from "./history-proof.js";
import type { Message } from "./model.js";
import {
  afterFailure,
  discardable,
  learnAttempts,
  newEntry,
  type OutboxChange,
  type OutboxEntry,
  type OutboxOptions,
} from "./outbox-entry.js";
import { OutboxQueue } from "./outbox-queue.js";
import { RetrySchedule, SETTLE_MS } from "./retry-schedule.js";
import { SendWindow } from "./send-window.js";
import { Subscribable } from "./subscribable.js";

/**
 * Queues sends, flushes them in order per conversation while connected and leading, matches
 * each to its confirmation (a returned copy, an echo, or the history after a reconnect) and
 * retries with backoff, so a message is never lost and never sent twice. Every change is
 * published to `subscribe` listeners; the outbox calls nothing else back.
 */
export class Outbox extends Subscribable<OutboxChange> {
  readonly #queue = new OutboxQueue();
  readonly #busy = new Set<string>();
  readonly #deadlines: AckDeadlines;
  readonly #retries: RetrySchedule;
  readonly #window: SendWindow;
  readonly #options: OutboxOptions;
  #connected = false;
  #leading = true;

  constructor(options: OutboxOptions) {
    super();
    this.#options = options;
    this.#deadlines = new AckDeadlines(options.timers, options.ackTimeoutMs ?? 10_000);
    this.#retries = new RetrySchedule(options.timers, options.backoff);
    this.#window = new SendWindow(() => options.sendWindow?.() ?? 1);
  }

  /** Every entry, in send order (for persistence). */
  list(): OutboxEntry[] {
    return this.#queue.list();
  }

  get(clientId: string): OutboxEntry | undefined {
    return this.#queue.get(clientId);
  }

  /** Adds a message (also restored from a cache or another tab); sent when its turn comes. */
  enqueue(outgoing: OutgoingMessage, restored?: Partial<OutboxEntry>): void {
    const known = this.#queue.get(outgoing.clientId);
    if (known && restored && learnAttempts(known, restored))
      this.publish({ type: "updated", entries: [known] });
    if (known) return;
    const entry = newEntry(outgoing, restored, this.#options.timers.now());
    this.#queue.add(entry);
    this.publish({ type: "queued", entry, adopted: restored !== undefined });
    this.#pump(outgoing.conversationId);
  }

  /** The link is up: check what was in flight, then send in order. */
  online(): void {
    this.#connected = true;
    this.#queue.newLink(); // history gets its chances again
    this.#window.reset();
    this.#resume();
  }

  /** The link is down: whatever was in flight must be checked before it is sent again. */
  offline(): void {
    this.#connected = false;
    this.#pause();
  }

  /** Whether this tab transmits (tabs sharing a cache elect one); pauses like `offline`. */
  setLeading(leading: boolean): void {
    this.#leading = leading;
    if (leading) this.#resume();
    else this.#pause();
  }

  /** Our message from the wire without our client id (an echo): confirms its entry, if any. */
  match(message: Message): string | null {
    if (message.senderId !== this.#options.me() || this.#queue.claimed(message)) return null;
    const entry = this.#queue.sentWithText(message.conversationId, message.text);
    if (!entry) return null;
    this.#confirm(entry.outgoing.clientId, message);
    return entry.outgoing.clientId;
  }

  /** Another tab confirmed the message: done here too. */
  settle(clientId: string, server: Message): void {
    this.#confirm(clientId, server);
  }

  /** Gives a message up (here, or because another tab did): `failed`, for retry or discard. */
  fail(clientId: string, reason: ParleyError | { code: ParleyErrorCode; message: string }): void {
    const entry = this.#queue.get(clientId);
    if (!entry || entry.state === "failed") return;
    entry.state = "failed";
    const { conversationId } = entry.outgoing;
    const error =
      reason instanceof ParleyError ? reason : new ParleyError(reason.code, reason.message);
    this.publish({ type: "failed", clientId, conversationId, error });
  }

  /** Sends a failed or unconfirmed message again (the user decided), from a fresh attempt count. */
  retry(clientId: string): void {
    const entry = this.#queue.get(clientId);
    if (entry?.state !== "failed" && entry?.state !== "unknown") return;
    entry.state = "queued";
    entry.attempts = 0;
    this.#retries.forget(clientId);
    const { conversationId } = entry.outgoing;
    this.publish({ type: "retried", clientId, conversationId });
    this.#pump(conversationId);
  }

  /** Forgets a failed, unconfirmed or unsent message (never one still on its way). */
  discard(clientId: string): boolean {
    const entry = this.#queue.get(clientId);
    if (!entry || !discardable(entry)) return false;
    this.#remove(clientId);
    const { conversationId } = entry.outgoing;
    this.publish({ type: "discarded", clientId, conversationId });
    return true;
  }

  /** Stops timers (client destroyed). */
  dispose(): void {
    this.#connected = false;
    this.#retries.cancelAll();
    this.#deadlines.releaseAll();
    this.unsubscribeAll();
  }

  get #active(): boolean {
    return this.#connected && this.#leading;
  }

  #resume(): void {
    if (!this.#active) return;
    for (const conversationId of this.#queue.conversations()) this.#pump(conversationId);
  }

  #pause(): void {
    const entries = this.#queue.unsettle();
    this.#retries.cancelAll();
    // Sends waiting for an echo end now; they are checked against history on reconnect.
    this.#deadlines.releaseAll();
    this.publish({ type: "updated", entries });
  }

  /** Moves one conversation's queue forward: checks, or sends up to the window (in order). */
  #pump(conversationId: string): void {
    if (!this.#active || this.#busy.has(conversationId)) return;
    const { check, send } = this.#queue.due(conversationId, this.#window.limit(conversationId));
    for (const entry of send) {
      const durable = this.#transmit(entry);
      // The next goes on the wire only after this one did: hold the queue until then.
      if (durable) {
        this.#hold(conversationId, durable);
        return;
      }
    }
    if (check.length > 0) this.#hold(conversationId, this.#verify(check));
  }

  /** Runs `step` with the conversation's queue held, then moves it on. */
  #hold(conversationId: string, step: Promise<unknown>): void {
    this.#busy.add(conversationId);
    step
      .catch(() => {})
      .finally(() => {
        this.#busy.delete(conversationId);
        this.#pump(conversationId);
      });
  }

  /**
   * Checks unconfirmed entries of one conversation against one read of its history: each found
   * there is confirmed, each absent sent again. No proof either way leaves it to the user
   * (`unknown`) rather than risk a second copy.
   */
  async #verify(entries: OutboxEntry[]): Promise<void> {
    const proofs = await proveEach(entries, this.#options, this.#queue);
    entries.forEach((entry, i) => {
      if (entry.state === "unconfirmed") this.#decide(entry, proofs[i] ?? "unreadable");
    });
  }

  #decide(entry: OutboxEntry, proof: Proof): void {
    const { clientId } = entry.outgoing;
    // History did not answer (the link just dropped, a server fault): ask again a few times.
    if (proof === "again") {
      this.#later(entry, "unconfirmed");
    } else if (proof === "unreadable" || proof === "unanswered") {
      entry.state = "unknown";
      const { conversationId } = entry.outgoing;
      this.publish({ type: "unconfirmed", clientId, conversationId });
    } else if (proof !== "absent") {
      this.#confirm(clientId, proof);
    } else if (entry.attempts >= (this.#options.maxAttempts ?? 5)) {
      this.fail(clientId, new ParleyError("timeout", "The server never confirmed the message"));
    } else {
      entry.state = "queued";
    }
  }

  /**
   * Marks an entry in flight and puts it on the wire, then follows its answer (the queue moves
   * on when it settles). With a persistent cache the mark is made durable first: answers that
   * wait, which the queue must hold for so that sends keep their order; null otherwise.
   */
  #transmit(entry: OutboxEntry): Promise<void> | null {
    const { outgoing } = entry;
    entry.state = "inflight";
    entry.attempts += 1;
    entry.firstSentAt ??= this.#options.timers.now();
    this.publish({ type: "updated", entries: [entry] });
    const put = () => {
      // The link may have dropped meanwhile (`offline` made it unconfirmed): checked later.
      if (this.#queue.get(outgoing.clientId) !== entry || entry.state !== "inflight") return;
      // Called now (a throw rejects): the adapter puts the frames on the wire in this order.
      const sending = new Promise<Message | null>((ok) => ok(this.#options.send(outgoing)));
      this.#answered(entry, sending)
        .catch(() => {})
        .finally(() => this.#pump(outgoing.conversationId));
    };
    const durable = this.#options.beforeSend?.(entry);
    if (!durable) put();
    return durable?.then(put) ?? null;
  }

  /** Waits for an entry's answer, its echo, or the deadline (a half-open link holds nothing). */
  async #answered(entry: OutboxEntry, sending: Promise<Message | null>): Promise<void> {
    const { clientId } = entry.outgoing;
    let server: Message | undefined;
    try {
      server = await this.#deadlines.follow(clientId, sending, {
        expired: () => this.#unanswered(entry),
        late: (late) => this.#confirm(clientId, late),
        waiting: () => this.#queue.get(clientId) === entry && entry.state === "inflight",
      });
    } catch (error) {
      return this.#sendFailed(entry, asParleyError(error));
    }
    if (server) this.#confirm(clientId, server);
  }

  /** No confirmation in time: history decides, and the link is worth checking. */
  #unanswered(entry: OutboxEntry): void {
    if (entry.state !== "inflight") return;
    entry.state = "unconfirmed";
    this.#window.shrink(entry.outgoing.conversationId);
    this.#options.unanswered?.();
  }

  #sendFailed(entry: OutboxEntry, error: ParleyError): void {
    if (error.code === "timeout") this.#unanswered(entry);
    this.#window.shrink(entry.outgoing.conversationId, error.code === "rate-limited");
    const next = afterFailure(error, entry.attempts, this.#options.maxAttempts ?? 5);
    if (next === "failed") this.fail(entry.outgoing.clientId, error);
    else this.#later(entry, next);
  }

  /** Tries again after the entry's backoff: sends it, or checks history (after `SETTLE_MS`). */
  #later(entry: OutboxEntry, then: "queued" | "unconfirmed"): void {
    entry.state = this.#active ? "waiting" : "unconfirmed";
    if (!this.#active) return;
    const settle = then === "unconfirmed" ? SETTLE_MS : 0;
    this.#retries.schedule(entry.outgoing.clientId, settle, () => {
      if (entry.state !== "waiting") return;
      entry.state = then;
      this.#pump(entry.outgoing.conversationId);
    });
    this.publish({ type: "updated", entries: [entry] });
  }

  #confirm(clientId: string, server: Message): void {
    const entry = this.#queue.get(clientId);
    if (!entry) return;
    const { conversationId } = entry.outgoing;
    this.#remove(clientId);
    this.#queue.claim(server);
    this.#window.grow(conversationId);
    this.publish({ type: "confirmed", clientId, conversationId, message: server });
    this.#pump(conversationId);
  }

  #remove(clientId: string): void {
    this.#queue.remove(clientId);
    this.#retries.forget(clientId);
    this.#deadlines.release(clientId);
  }
}
