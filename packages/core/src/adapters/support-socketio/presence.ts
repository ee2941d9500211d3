import type { AdapterEvent } from "../../adapter.js";
import type { SocketLink } from "./link.js";
import type { Roster } from "./roster.js";
import { parseOnlineUsers, parseUserStatus } from "./wire.js";

/**
 * Who is online: `get_online_users` after every connect (an admin sees everyone, a user sees the
 * admins), then `user_status` pushes (extension). Users who went offline while we were away are
 * reported offline when the fresh list leaves them out.
 */
export class Presence {
  private readonly online = new Set<string>();
  /** Settles when the list asked for at the last connect has been answered (or not). */
  ready: Promise<void> = Promise.resolve();

  constructor(
    private readonly link: SocketLink,
    private readonly emit: (event: AdapterEvent) => void,
  ) {}

  refresh(roster: Roster): void {
    this.ready = this.link.request("get_online_users").then(
      (reply) => {
        const ids = parseOnlineUsers(reply);
        if (!ids) return; // a refusal or a server without the reply: presence comes by push only
        const now = new Set(ids.filter((id) => id !== roster.me));
        for (const id of now) {
          roster.sawAdmin(id);
          if (!this.online.has(id)) this.set(id, true);
        }
        for (const id of [...this.online]) if (!now.has(id)) this.set(id, false);
      },
      () => {},
    );
  }

  /** A `user_status` payload; false when malformed. */
  status(payload: unknown, roster: Roster): boolean {
    const wire = parseUserStatus(payload);
    if (!wire) return false;
    if (wire.user_id === roster.me) return true;
    // Users hear only of admins; admins hear of everyone.
    roster.sawAdmin(wire.user_id);
    this.set(wire.user_id, wire.status === "online");
    return true;
  }

  /** An admin who is online, for a user with nobody else to address. */
  onlineAdmin(roster: Roster): string | null {
    for (const id of this.online) if (roster.admins.has(id) && id !== roster.me) return id;
    return null;
  }

  private set(userId: string, online: boolean): void {
    if (online) this.online.add(userId);
    else this.online.delete(userId);
    this.emit({ type: "presence", userId, presence: { online } });
  }
}
