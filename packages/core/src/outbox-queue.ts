import type { OutboxEntry } from "./outbox-entry.js";

/** The outbox's entries: by client id, and in send order (which is the order per conversation). */
export class OutboxQueue {
  readonly #entries = new Map<string, OutboxEntry>();
  readonly #order: string[] = [];

  get(clientId: string): OutboxEntry | undefined {
    return this.#entries.get(clientId);
  }

  /** Every entry, in send order. */
  list(): OutboxEntry[] {
    return this.#order.map((id) => this.#entries.get(id) as OutboxEntry);
  }

  add(entry: OutboxEntry): void {
    this.#entries.set(entry.outgoing.clientId, entry);
    this.#order.push(entry.outgoing.clientId);
  }

  remove(clientId: string): void {
    if (!this.#entries.delete(clientId)) return;
    const index = this.#order.indexOf(clientId);
    if (index >= 0) this.#order.splice(index, 1);
  }

  /** The conversations that have entries. */
  conversations(): Set<string> {
    return new Set(this.list().map((entry) => entry.outgoing.conversationId));
  }

  /** The first entry of a conversation still on its way (not given up, not left to the user). */
  head(conversationId: string): OutboxEntry | undefined {
    return this.list().find(
      (entry) =>
        entry.outgoing.conversationId === conversationId &&
        entry.state !== "failed" &&
        entry.state !== "unknown",
    );
  }

  /** The oldest entry put on the wire whose text is `text`: what an echo of it answers. */
  sentWithText(conversationId: string, text: string): OutboxEntry | undefined {
    return this.list().find(
      (entry) =>
        entry.outgoing.conversationId === conversationId &&
        !(entry.state === "queued" && entry.attempts === 0) &&
        entry.outgoing.text === text,
    );
  }
}
