/** Who the session is on the desk: a user writes to admins, an admin writes to users. */
export type SupportRole = "user" | "admin";

/**
 * Who is an admin and who is a user, as far as this session has seen, and the conversation
 * key that follows from it.
 *
 * The conversation id is the non-admin user's id. A user has one conversation, keyed by their
 * own id, with "the support desk" (every admin); an admin has one conversation per user, keyed
 * by that user's id. Both sides therefore name a conversation the same way, and an admin's
 * shared inbox (every user message reaches every admin) files each message under its user.
 */
export class Roster {
  readonly admins = new Set<string>();
  readonly users = new Set<string>();
  /** Admins who wrote to this user (user sessions): whose messages `mark_read` must cover. */
  readonly writers = new Set<string>();
  private lastWriter: { id: string; at: number } | null = null;
  private lastAddressed: { id: string; at: number } | null = null;

  constructor(
    readonly me: string,
    readonly role: SupportRole,
  ) {
    (role === "admin" ? this.admins : this.users).add(me);
  }

  /** The admin this user last heard from (or last wrote to), for addressing the desk. */
  get lastAdmin(): string | null {
    return (this.lastWriter ?? this.lastAddressed)?.id ?? null;
  }

  /** The conversation of a message or a typing signal between `sender` and `receiver`. */
  conversationOf(sender: string, receiver: string): string {
    if (this.role === "user") return this.me;
    if (sender === this.me || this.admins.has(sender) || this.users.has(receiver)) return receiver;
    // The receiver is an admin (me or another): a user wrote to the desk. This is also the guess
    // when neither party is known yet, since most of the shared inbox is users writing.
    return sender;
  }

  /** Learns roles from a message: users write only to admins, admins only to users. */
  learn(sender: string, receiver: string, at: string): void {
    if (this.role === "user") {
      const mine = sender === this.me;
      const admin = mine ? receiver : sender;
      this.admins.add(admin);
      if (!mine) this.writers.add(admin);
      const time = Date.parse(at) || 0;
      const latest = mine ? this.lastAddressed : this.lastWriter;
      if (!latest || time >= latest.at) {
        if (mine) this.lastAddressed = { id: admin, at: time };
        else this.lastWriter = { id: admin, at: time };
      }
      return;
    }
    // Learn only what is certain, so one wrong guess never spreads.
    if (sender === this.me || this.admins.has(sender) || this.users.has(receiver)) {
      this.admins.add(sender);
      this.users.add(receiver);
    } else if (receiver === this.me || this.admins.has(receiver) || this.users.has(sender)) {
      this.admins.add(receiver);
      this.users.add(sender);
    }
  }

  /** An admin, as seen through presence (user sessions see only admins online). */
  sawAdmin(id: string): void {
    if (id !== this.me && this.role === "user") this.admins.add(id);
  }

  /** Some admin to address when nothing better is known. */
  anyAdmin(): string | null {
    for (const id of this.admins) if (id !== this.me) return id;
    return null;
  }
}
