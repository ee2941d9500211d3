import type { AdapterContext } from "../../adapter.js";
import type { ParleyError } from "../../errors.js";
import { onlineStatus } from "./rest.js";
import { toPresence, type WireStatus } from "./wire.js";

/** `POST /chat/online-status` takes at most this many ids. */
const BATCH = 200;

export type Presence = ReturnType<typeof createPresence>;

/**
 * Presence of other users: pushed by `user_status_change` (care partners coming online, going
 * offline, changing status) and fetched with `POST /chat/online-status` for the initial state,
 * after every connect and when a conversation is watched. A fetched answer never overwrites a
 * push that arrived while the request was under way. Failures become `error` events.
 */
export function createPresence(
  context: AdapterContext,
  connected: () => boolean,
  report: (error: ParleyError) => void,
) {
  const watched = new Set<string>();
  const known = new Set<string>();
  /** Per user, the sequence number of the last push (none yet: 0). */
  const pushes = new Map<string, number>();
  let sequence = 0;
  const set = (wire: WireStatus) => {
    known.add(wire.userId);
    context.emit({ type: "presence", userId: wire.userId, presence: toPresence(wire) });
  };
  const fetch = async (userIds: string[]) => {
    for (let i = 0; i < userIds.length; i += BATCH) {
      const batch = userIds.slice(i, i + BATCH);
      const asked = sequence;
      try {
        // Only users asked for, and only when no push came while the request was under way.
        for (const wire of await onlineStatus(context, batch, report))
          if (batch.includes(wire.userId) && (pushes.get(wire.userId) ?? 0) <= asked) set(wire);
      } catch (error) {
        report(error as ParleyError);
      }
    }
  };
  return {
    /** A `user_status_change`. */
    pushed(wire: WireStatus): void {
      pushes.set(wire.userId, ++sequence);
      set(wire);
    },

    watch(userId: string): void {
      watched.add(userId);
      if (connected() && !known.has(userId)) void fetch([userId]);
    },

    unwatch(userId: string): void {
      watched.delete(userId);
    },

    /** After a connect: `userIds` (the conversation list) and every watched user. */
    refresh: (userIds: string[]) => fetch([...new Set([...userIds, ...watched])]),
  };
}
