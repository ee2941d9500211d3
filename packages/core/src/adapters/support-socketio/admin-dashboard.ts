import type { AdapterEvent } from "../../adapter.js";
import { asParleyError } from "../../errors.js";
import type { Message } from "../../model.js";
import { asId, isRecord } from "../../transports/wire.js";
import type { WireChatUser } from "./wire.js";

/** The room where a deployed backend tells admins of every user message (`new_user_message`). */
export const ADMIN_DASHBOARD = "admin_dashboard";

interface DashboardParts {
  /** Joins a user's room, so that their next messages come live. */
  join(userId: string): Promise<void>;
  /** The newest page of a user's conversation. */
  latest(userId: string): Promise<readonly Message[]>;
  emit(event: AdapterEvent): void;
}

/**
 * An admin's shared inbox on a deployed backend, which relays a user's message only to rooms
 * joined by name: the admin joins `admin_dashboard`, and on the first `new_user_message` of a
 * user whose room it has not joined, joins it and reads what is new from that user's history
 * (the event itself carries a preview, not the message). What counts as new: later than the last
 * message the user list gave for them, so older messages never count as unread again.
 */
export function createAdminDashboard(parts: DashboardParts) {
  const joined = new Set<string>();
  const seenUpTo = new Map<string, number>();

  const catchUp = async (userId: string) => {
    await parts.join(userId);
    const since = seenUpTo.get(userId) ?? Number.NEGATIVE_INFINITY;
    for (const message of await parts.latest(userId)) {
      const at = Date.parse(message.createdAt);
      if (!(at > since)) continue;
      seenUpTo.set(userId, Math.max(seenUpTo.get(userId) ?? at, at));
      parts.emit({ type: "message", message });
    }
  };

  return {
    /** Starts over on a new link: no room is joined yet. */
    reset(): void {
      joined.clear();
    },
    /** A room joined for another reason (an opened conversation) needs no catch-up. */
    joined(userId: string): string {
      joined.add(userId);
      return userId;
    },
    /** What the user list says each user's last message was. */
    know(users: readonly WireChatUser[]): void {
      for (const user of users) {
        const at = user.last_message_time ? Date.parse(user.last_message_time) : Number.NaN;
        if (!Number.isNaN(at)) seenUpTo.set(user.user_id, at);
      }
    },
    /** `new_user_message` `{user_id, room, preview, timestamp}`. */
    heard(payload: unknown): void {
      const userId = isRecord(payload) ? asId(payload.user_id) : undefined;
      if (userId === undefined || joined.has(userId)) return;
      joined.add(userId);
      catchUp(userId).catch((error: unknown) => {
        joined.delete(userId);
        parts.emit({ type: "error", error: asParleyError(error) });
      });
    },
  };
}
