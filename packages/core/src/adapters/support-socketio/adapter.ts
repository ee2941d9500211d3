import type { AdapterContext, AdapterEvent, AdapterSession, ChatAdapter } from "../../adapter.js";
import { tokenSubject } from "../../auth.js";
import { ParleyError } from "../../errors.js";
import { deskConversation, references, toConversation, toMessage } from "./decode.js";
import { decodeEvent } from "./events.js";
import { socketLink } from "./link.js";
import { documented, type SupportSocketioOptions } from "./options.js";
import { Presence } from "./presence.js";
import { keyError, supportRest } from "./rest-api.js";
import { Roster } from "./roster.js";
import { detailError, parseDetail, parseMessage } from "./wire.js";

export type { SupportSocketioOptions };

/**
 * The support-socketio adapter: a user <-> admin support desk over Socket.IO.
 *
 * Conversation ids are the non-admin user's id on both sides: a user has one conversation,
 * keyed by their own id, with the desk; an admin has one per user, keyed by that user's id.
 * Messages keep `appointment_id`, `service_id` and `receiver_id` in `extra`; send them with
 * `client.send(id, text, { extra: { appointment_id, service_id } })`.
 */
export function supportSocketio(options: SupportSocketioOptions = {}): ChatAdapter {
  return {
    name: "support-socketio",
    capabilities: documented,
    createSession: (context) => supportSession(context, options),
  };
}

function supportSession(context: AdapterContext, options: SupportSocketioOptions): AdapterSession {
  const emit = (event: AdapterEvent) => context.emit(event);
  const report = (error: ParleyError) => emit({ type: "error", error });
  let roster: Roster | null = null;
  /** Events that came before `ready`, replayed after it. */
  let early: Array<[string, unknown]> | null = null;

  const onEvent = (event: string, payload: unknown) => {
    if (early) early.push([event, payload]);
    else if (roster) {
      const out = decodeEvent(event, payload, roster, presence);
      if (out) emit(out);
    }
  };
  const link = socketLink({
    url: context.url,
    path: options.path,
    transports: options.transports,
    token: () => context.token(),
    ackTimeoutMs: options.ackTimeoutMs ?? 10_000,
    onEvent,
    onClose: (error) => {
      early = null;
      emit({ type: "closed", error });
    },
  });
  const api = supportRest(context, (what, count) =>
    report(new ParleyError("protocol", `${count} malformed message(s) in ${what}`)),
  );
  const presence = new Presence(link, emit);

  /** Sends with an acknowledgement; a `{detail}` answer is a refusal, thrown. */
  const checked = async (event: string, payload?: unknown) => {
    const reply = await link.request(event, payload);
    const detail = parseDetail(reply);
    if (detail) throw detailError(detail);
    return reply;
  };

  /** Fire-and-forget with an ack: a refusal is reported, a lost answer is not. */
  const ask = (event: string, payload: unknown) =>
    link.request(event, payload).then(
      (reply) => {
        const detail = parseDetail(reply);
        if (detail) report(detailError(detail));
      },
      () => {},
    );

  /** Who we are, for REST calls: known since the first connect, whether or not the socket is up. */
  const identified = (): Roster => {
    if (!roster) throw new ParleyError("network", "Not connected");
    return roster;
  };

  const connected = (): Roster => {
    if (!roster || early || !link.isOpen) throw new ParleyError("network", "Not connected");
    return roster;
  };

  const knownAdmin = (known: Roster): string | null =>
    options.defaultAdminId ?? known.lastAdmin ?? presence.onlineAdmin(known) ?? known.anyAdmin();

  /** Who receives a message to `conversationId`: the user (admins) or an admin (users). */
  const receiverFor = async (known: Roster, conversationId: string): Promise<string> => {
    const wrongKey = keyError(known, conversationId);
    if (wrongKey) throw wrongKey;
    if (known.role === "admin") return conversationId;
    if (!knownAdmin(known)) await presence.ready;
    const admin = knownAdmin(known);
    if (admin) return admin;
    throw new ParleyError("not-found", "No admin is known to write to: set `defaultAdminId`");
  };

  /** With `joinRooms`, admins join the user's room (every socket is in its own room already). */
  const joins = (conversationId: string) =>
    options.joinRooms === true &&
    roster?.role === "admin" &&
    conversationId !== roster.me &&
    link.isOpen;

  const history = async (conversationId: string, cursor: string | null, limit: number) => {
    const known = identified();
    const page = await api.page(known, conversationId, cursor, limit);
    return { messages: page.messages.map((m) => toMessage(m, known)), cursor: page.cursor };
  };

  return {
    async connect() {
      const previous = roster;
      let me = tokenSubject(await context.token());
      const known =
        previous?.role === "user" && previous.me === me
          ? { role: previous.role, users: [] }
          : await api.role(options.role ?? null);
      let role = known.role;
      early = [];
      await link.open();
      if (me === null || role === null) {
        // Extension: the server says who we are when the token does not.
        const info = (await link.request("get_connection_info").catch(() => null)) as {
          user_id?: unknown;
          role?: unknown;
        } | null;
        if (me === null && typeof info?.user_id === "string") me = info.user_id;
        role ??= info?.role === "admin" ? "admin" : "user";
      }
      if (me === null) throw new ParleyError("protocol", "The token names no user (no `sub`)");
      // What was learned (roles, who wrote last) survives a reconnect of the same identity.
      const next = previous?.me === me && previous.role === role ? previous : new Roster(me, role);
      for (const user of known.users) next.users.add(user.user_id);
      roster = next;
      emit({ type: "ready", userId: me });
      const replay = early ?? [];
      early = null;
      for (const [event, payload] of replay) onEvent(event, payload);
      presence.refresh(next);
    },

    disconnect() {
      early = null;
      link.close();
    },

    async send(outgoing) {
      const known = connected();
      const reply = await checked("send_message", {
        receiver_id: await receiverFor(known, outgoing.conversationId),
        message_text: outgoing.text,
        ...references(outgoing.extra),
      });
      const wire = parseMessage(reply);
      if (!wire) throw detailError("send_message was answered with no message");
      return toMessage(wire, known);
    },

    history,

    /** Admins: `GET /chat/users`. Users: their one conversation with the desk, from history. */
    async conversations() {
      const known = identified();
      if (known.role === "user")
        return [deskConversation(known, (await history(known.me, null, 100)).messages)];
      const users = await api.users();
      for (const user of users) known.users.add(user.user_id);
      return users.map(toConversation);
    },

    /** An admin marks everything the user sent the desk; a user marks each admin who wrote. */
    async markRead(conversationId, upTo) {
      const known = connected();
      const senders =
        known.role === "admin"
          ? [conversationId]
          : new Set([...known.writers, ...(upTo ? [upTo.senderId] : [])]);
      for (const sender of senders)
        if (sender !== known.me && sender !== "") await checked("mark_read", { sender_id: sender });
    },

    typing(conversationId, typing) {
      const known = roster;
      if (!known || early || !link.isOpen) return;
      const receiver = known.role === "admin" ? conversationId : knownAdmin(known);
      if (receiver && receiver !== known.me)
        ask("typing", { receiver_id: receiver, is_typing: typing });
    },

    watch(conversationId) {
      if (joins(conversationId)) ask("join_room", { user_id: conversationId });
    },

    unwatch(conversationId) {
      if (joins(conversationId)) ask("leave_room", { user_id: conversationId });
    },

    /** `heartbeat`; resolves on `{status: "alive"}`. */
    async ping() {
      await checked("heartbeat");
    },
  };
}
