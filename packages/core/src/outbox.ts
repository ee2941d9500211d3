import { AckDeadlines } from "./ack-deadlines.js";
import type { OutgoingMessage } from "./adapter.js";
import { asParleyError, ParleyError, type ParleyErrorCode } from "./errors.js";
import { proveStored } from "./history-proof.js";
import type { Message } from "./model.js";
import {
  discardable,
  learnAttempts,
  newEntry,
  type OutboxChange,
  type OutboxEntry,
  type OutboxOptions,
} from "./outbox-entry.js";
import { OutboxQueue } from "./outbox-queue.js";
import { RetrySchedule } from "./retry-schedule.js";
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
  /** Server ids already matched to an entry: one stored message confirms one entry. */
  readonly #claimedIds = new Set<string>();
  /** History checks that did not answer, per entry, on the current link. */
  readonly #checks = new Map<string, number>();
  readonly #deadlines: AckDeadlines;
  readonly #retries: RetrySchedule;
  readonly #options: OutboxOptions;
  #connected = false;
  #leading = true;

  constructor(options: OutboxOptions) {
    super();
    this.#options = options;
    this.#deadlines = new AckDeadlines(options.timers, options.ackTimeoutMs ?? 10_000);
    this.#retries = new RetrySchedule(options.timers, options.backoff);
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
    if (known) {
      if (restored && learnAttempts(known, restored)) this.publish({ type: "updated" });
      return;
    }
    const entry = newEntry(outgoing, restored, this.#options.timers.now());
    this.#queue.add(entry);
    this.publish({ type: "queued", entry, adopted: restored !== undefined });
    this.#pump(outgoing.conversationId);
  }

  /** The link is up: check what was in flight, then send in order. */
  online(): void {
    this.#connected = true;
    this.#checks.clear(); // a new link: history gets its chances again
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
    if (message.senderId !== this.#options.me() || this.#claimed(message)) return null;
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
    const error =
      reason instanceof ParleyError ? reason : new ParleyError(reason.code, reason.message);
    entry.state = "failed";
    const { conversationId } = entry.outgoing;
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
    for (const entry of this.#queue.list())
      if (entry.state === "inflight" || entry.state === "waiting") entry.state = "unconfirmed";
    this.#retries.cancelAll();
    // Sends waiting for an echo end now; they are checked against history on reconnect.
    this.#deadlines.releaseAll();
    this.publish({ type: "updated" });
  }

  /** Moves one conversation's queue forward; one message on the wire at a time keeps order. */
  #pump(conversationId: string): void {
    if (!this.#active || this.#busy.has(conversationId)) return;
    const entry = this.#queue.head(conversationId);
    if (!entry || entry.state === "inflight" || entry.state === "waiting") return;
    this.#busy.add(conversationId);
    const step = entry.state === "unconfirmed" ? this.#verify(entry) : Promise.resolve(true);
    step
      .then((send) => {
        if (!send || !this.#active || entry.state !== "queued") return;
        return this.#transmit(entry);
      })
      .catch(() => {})
      .finally(() => {
        this.#busy.delete(conversationId);
        this.#pump(conversationId);
      });
  }

  /**
   * Checks history for an unconfirmed entry; true when it must be sent again. No proof either way
   * leaves it to the user (`unknown`) rather than risk a second copy.
   */
  async #verify(entry: OutboxEntry): Promise<boolean> {
    const proof = await proveStored(entry, this.#options, (m) => this.#claimed(m));
    if (entry.state !== "unconfirmed") return entry.state === "queued";
    const { clientId } = entry.outgoing;
    const checks = (this.#checks.get(clientId) ?? 0) + 1;
    this.#checks.set(clientId, checks);
    // History did not answer (the link just dropped, a server fault): ask again a few times.
    if (proof === "unanswered" && checks < 3) {
      this.#later(entry, "unconfirmed");
      return false;
    }
    if (proof === "unreadable" || proof === "unanswered") {
      entry.state = "unknown";
      this.publish({
        type: "unconfirmed",
        clientId,
        conversationId: entry.outgoing.conversationId,
      });
    } else if (proof !== "absent") {
      this.#confirm(clientId, proof);
    } else if (entry.attempts >= (this.#options.maxAttempts ?? 5)) {
      this.fail(clientId, new ParleyError("timeout", "The server never confirmed the message"));
    } else {
      entry.state = "queued";
    }
    return entry.state === "queued";
  }

  #claimed(message: Message): boolean {
    return message.id !== undefined && this.#claimedIds.has(message.id);
  }

  async #transmit(entry: OutboxEntry): Promise<void> {
    const { outgoing } = entry;
    entry.state = "inflight";
    entry.attempts += 1;
    entry.firstSentAt ??= this.#options.timers.now();
    this.publish({ type: "updated" });
    if (this.#options.beforeSend) {
      await this.#options.beforeSend(entry);
      // The link may have dropped meanwhile (`offline` made it unconfirmed): checked later.
      if (this.#queue.get(outgoing.clientId) !== entry || entry.state !== "inflight") return;
    }
    const sending = this.#options.send(outgoing);
    let server: Message | null | undefined;
    try {
      // A send that never settles (a half-open link) must not hold the queue.
      server = await this.#deadlines.wait(outgoing.clientId, () => this.#expired(entry), sending);
    } catch (error) {
      this.#sendFailed(entry, asParleyError(error));
      return;
    }
    if (server === undefined) {
      // Past the deadline: checked against history later, but a late answer still confirms it.
      sending.then(
        (late) => late && this.#confirm(outgoing.clientId, late),
        () => {},
      );
      return;
    }
    if (server) {
      this.#confirm(outgoing.clientId, server);
      return;
    }
    if (this.#queue.get(outgoing.clientId) !== entry || entry.state !== "inflight") return;
    // Confirmation comes as an echo; wait for it, then check history if it never comes.
    await this.#deadlines.wait(outgoing.clientId, () => this.#expired(entry));
  }

  /** No confirmation in time: history decides, and the link is worth checking. */
  #expired(entry: OutboxEntry): void {
    if (entry.state !== "inflight") return;
    entry.state = "unconfirmed";
    this.#options.unanswered?.();
  }

  #sendFailed(entry: OutboxEntry, error: ParleyError): void {
    if (error.code === "timeout") this.#options.unanswered?.();
    const max = this.#options.maxAttempts ?? 5;
    // Known not stored (the link was not open, the server refused it): sent again without a
    // history check. A rate limit only asks to wait, however often it comes.
    if (!error.retryable || (entry.attempts >= max && error.code !== "rate-limited")) {
      this.fail(entry.outgoing.clientId, error);
    } else this.#later(entry, error.unsent ? "queued" : "unconfirmed");
  }

  /** Tries again after the entry's next backoff delay: sends it, or checks history first. */
  #later(entry: OutboxEntry, then: "queued" | "unconfirmed"): void {
    if (!this.#active) {
      entry.state = "unconfirmed";
      return;
    }
    entry.state = "waiting";
    this.#retries.schedule(entry.outgoing.clientId, () => {
      if (entry.state !== "waiting") return;
      entry.state = then;
      this.#pump(entry.outgoing.conversationId);
    });
    this.publish({ type: "updated" });
  }

  #confirm(clientId: string, server: Message): void {
    const entry = this.#queue.get(clientId);
    if (!entry) return;
    if (server.id !== undefined) this.#claimedIds.add(server.id);
    const { conversationId } = entry.outgoing;
    this.#remove(clientId);
    this.publish({ type: "confirmed", clientId, conversationId, message: server });
    this.#pump(conversationId);
  }

  #remove(clientId: string): void {
    this.#queue.remove(clientId);
    this.#checks.delete(clientId);
    this.#retries.forget(clientId);
    this.#deadlines.release(clientId);
  }
}
