import type { AdapterEvent } from "../../adapter.js";
import { asId } from "../../transports/wire.js";
import { toMessage, type WireMessage } from "./wire.js";

/** Who the session is on the desk: a user writes to admins, an admin writes to users. */
export type SupportRole = "user" | "admin";

export type DeskRoster = ReturnType<typeof createDeskRoster>;

/**
 * What one identity on the desk has seen: who is an admin and who is a user, who is online, and
 * the conversation key that follows.
 *
 * The conversation id is the non-admin user's id. A user has one conversation, keyed by their
 * own id, with "the support desk" (every admin); an admin has one conversation per user, keyed
 * by that user's id. Both sides therefore name a conversation the same way, and an admin's
 * shared inbox (every user message reaches every admin) files each message under its user.
 */
export function createDeskRoster(
  me: string,
  role: SupportRole,
  emit: (event: AdapterEvent) => void,
) {
  const admins = new Set<string>();
  const users = new Set<string>();
  /** Admins who wrote to this user (user sessions): whose messages `mark_read` must cover. */
  const writers = new Set<string>();
  const online = new Set<string>();
  /** The admin of the newest message a user has seen, to address the desk. */
  let last: { id: string; at: number } | undefined;
  (role === "admin" ? admins : users).add(me);
  // Only the desk writes to whomever it likes; a user has their one conversation.
  emit({ type: "capabilities", capabilities: { createConversation: role === "admin" } });

  /**
   * The conversation of a message or typing signal between `sender` and `receiver`; learns
   * roles from it (users write only to admins, admins only to users) and, for a user, who last
   * spoke for the desk (`at`, a message's time).
   */
  const file = (sender: string, receiver: string, at?: string): string => {
    if (role === "user") {
      const admin = sender === me ? receiver : sender;
      admins.add(admin);
      if (admin === sender) writers.add(admin);
      const time = at ? Date.parse(at) || 0 : -1;
      if (time >= (last?.at ?? 0)) last = { id: admin, at: time };
      return me;
    }
    // Learn only what is certain, so one wrong guess never spreads.
    if (admins.has(sender) || users.has(receiver)) {
      admins.add(sender);
      users.add(receiver);
      return receiver;
    }
    if (admins.has(receiver) || users.has(sender)) {
      admins.add(receiver);
      users.add(sender);
    }
    // Else the guess is a user writing to the desk: most of the shared inbox is that.
    return sender;
  };

  /**
   * `messages_read`: `reader` read the messages `sender` sent them. Our own messages read by the
   * other side mark them read; a read by us or, on the shared desk, by any admin of a user's
   * messages clears our unread count there. Null when it concerns nobody we track.
   */
  const read = (reader: string, sender: string): AdapterEvent | null => {
    if (role === "user")
      return sender === me || reader === me
        ? { type: "read", conversationId: me, readerId: reader }
        : null;
    if (sender === me) {
      users.add(reader);
      return { type: "read", conversationId: reader, readerId: reader };
    }
    // A user read another admin's messages: nothing of ours changed.
    return admins.has(sender) || users.has(reader)
      ? null
      : { type: "read", conversationId: sender, readerId: me };
  };

  /** Someone came online or went offline (a user hears only of admins); emits the presence. */
  const seen = (userId: string, now: boolean): null => {
    if (userId !== me) {
      if (role === "user") admins.add(userId);
      if (now) online.add(userId);
      else online.delete(userId);
      emit({ type: "presence", userId, presence: { online: now } });
    }
    return null;
  };

  /** A wire message in Parley's form, filed under its conversation. */
  const message = (wire: WireMessage) =>
    toMessage(wire, file(wire.sender_id, wire.receiver_id, wire.timestamp));

  return {
    me,
    role,
    admins,
    users,
    writers,
    file,
    read,
    seen,
    message,

    /** The admin to address: who last spoke for the desk, else one online, else any known. */
    admin: (): string | undefined => last?.id ?? [...online, ...admins][0],

    /** The `get_online_users` list: who is online now, and who went offline while we were away. */
    sync(ids: unknown[]): void {
      const now = new Set(ids.map(asId));
      for (const id of online) if (!now.has(id)) seen(id, false);
      for (const id of now) if (id) seen(id, true);
    },
  };
}
