import type { AdapterContext } from "../../adapter.js";
import { ParleyError } from "../../errors.js";
import { rest } from "../../http/rest.js";
import { toPresence } from "./normalize.js";
import { parseList, parseStatus, unwrap, type WireStatus } from "./wire.js";

/** `POST /chat/online-status` takes at most this many ids. */
const BATCH = 200;

/**
 * Presence of other users: pushed by `user_status_change` (care partners coming online, going
 * offline, changing status) and fetched with `POST /chat/online-status` for the initial state,
 * after every connect and when a conversation is watched. A fetched answer never overwrites a
 * push that arrived while the request was under way.
 */
export class PresenceTracker {
  #watched = new Set<string>();
  #known = new Set<string>();
  /** Per user, the sequence number of the last push (0: none yet). */
  #pushed = new Map<string, number>();
  #sequence = 0;
  #context: AdapterContext;
  #connected: () => boolean;

  constructor(context: AdapterContext, connected: () => boolean) {
    this.#context = context;
    this.#connected = connected;
  }

  /** A `user_status_change`. */
  pushed(wire: WireStatus): void {
    this.#pushed.set(wire.userId, ++this.#sequence);
    this.#set(wire);
  }

  watch(userId: string): void {
    this.#watched.add(userId);
    if (this.#connected() && !this.#known.has(userId)) void this.fetch([userId]);
  }

  unwatch(userId: string): void {
    this.#watched.delete(userId);
  }

  /** After a connect: everyone in the conversation list and every watched user. */
  async refreshAll(listed: Promise<string[]>): Promise<void> {
    let ids: string[] = [];
    try {
      ids = await listed;
    } catch (error) {
      this.#report(error);
    }
    await this.fetch([...new Set([...ids, ...this.#watched])]);
  }

  /** Fetches and emits the presence of `userIds`; failures become `error` events. */
  async fetch(userIds: string[]): Promise<void> {
    for (let i = 0; i < userIds.length; i += BATCH) {
      const batch = userIds.slice(i, i + BATCH);
      const asked = this.#sequence;
      try {
        const body = await rest<unknown>(this.#context, "/chat/online-status", {
          method: "POST",
          body: { userIds: batch },
        });
        const list = parseList(unwrap(body), parseStatus);
        if (!list) throw new ParleyError("protocol", "Online status answer is not a list");
        // Only users asked for, and only when no push came while the request was under way.
        for (const wire of list.items)
          if (batch.includes(wire.userId) && (this.#pushed.get(wire.userId) ?? 0) <= asked)
            this.#set(wire);
      } catch (error) {
        this.#report(error);
      }
    }
  }

  #set(wire: WireStatus): void {
    this.#known.add(wire.userId);
    this.#context.emit({ type: "presence", userId: wire.userId, presence: toPresence(wire) });
  }

  #report(error: unknown): void {
    this.#context.emit({
      type: "error",
      error:
        error instanceof ParleyError
          ? error
          : new ParleyError("network", "Could not fetch presence", { cause: error }),
    });
  }
}
