import type {
  AdapterContext,
  AdapterSession,
  ChatAdapter,
  HistoryPage,
  OutgoingMessage,
} from "../../adapter.js";
import { tokenSubject } from "../../auth.js";
import { ParleyError } from "../../errors.js";
import type { Conversation, Message } from "../../model.js";
import { deskConversation, references, toConversation, toMessage } from "./decode.js";
import { decodeEvent } from "./events.js";
import { SocketLink } from "./link.js";
import { documented, type SupportSocketioOptions } from "./options.js";
import { Presence } from "./presence.js";
import { SupportRest } from "./rest-api.js";
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
    createSession: (context) => new SupportSession(context, options),
  };
}

class SupportSession implements AdapterSession {
  private readonly link: SocketLink;
  private readonly api: SupportRest;
  private readonly presence: Presence;
  private roster: Roster | null = null;
  /** Events that came before `ready`, replayed after it. */
  private early: Array<[string, unknown]> | null = null;

  constructor(
    private readonly context: AdapterContext,
    private readonly options: SupportSocketioOptions,
  ) {
    this.link = new SocketLink({
      url: context.url,
      path: options.path ?? "/socket.io",
      transports: options.transports ?? ["websocket"],
      token: () => context.token(),
      ackTimeoutMs: options.ackTimeoutMs ?? 10_000,
      onEvent: (event, payload) => this.onEvent(event, payload),
      onClose: (error) => {
        this.early = null;
        context.emit({ type: "closed", error });
      },
    });
    this.api = new SupportRest(context, (what, count) =>
      this.report(new ParleyError("protocol", `${count} malformed message(s) in ${what}`)),
    );
    this.presence = new Presence(this.link, (event) => this.context.emit(event));
  }

  async connect(): Promise<void> {
    const previous = this.roster;
    let me = tokenSubject(await this.context.token());
    const known =
      previous?.role === "user" && previous.me === me
        ? { role: "user" as const, users: [] }
        : await this.api.role(this.options.role ?? null);
    let role = known.role;
    this.early = [];
    await this.link.open();
    if (me === null || role === null) {
      // Extension: the server says who we are when the token does not.
      const info = await this.link.request("get_connection_info").catch(() => null);
      const record = (info ?? {}) as Record<string, unknown>;
      if (me === null && typeof record.user_id === "string") me = record.user_id;
      if (role === null) role = record.role === "admin" ? "admin" : "user";
    }
    if (me === null) throw new ParleyError("protocol", "The token names no user (no `sub`)");
    // What was learned (roles, who wrote last) survives a reconnect of the same identity.
    const roster =
      previous?.me === me && previous.role === role ? previous : new Roster(me, role ?? "user");
    for (const user of known.users) roster.users.add(user.user_id);
    this.roster = roster;
    this.context.emit({ type: "ready", userId: me });
    const early = this.early ?? [];
    this.early = null;
    for (const [event, payload] of early) this.onEvent(event, payload);
    this.presence.refresh(roster);
  }

  disconnect(): void {
    this.early = null;
    this.link.close();
  }

  async send(outgoing: OutgoingMessage): Promise<Message> {
    const roster = this.connected();
    const receiver = await this.receiverFor(roster, outgoing.conversationId);
    const reply = await this.link.request("send_message", {
      receiver_id: receiver,
      message_text: outgoing.text,
      ...references(outgoing.extra),
    });
    const wire = parseMessage(reply);
    if (wire) return toMessage(wire, roster);
    throw detailError(parseDetail(reply) ?? "send_message was answered with no message");
  }

  async history(conversationId: string, cursor: string | null, limit: number) {
    const roster = this.identified();
    const page = await this.api.page(roster, conversationId, cursor, limit);
    return {
      messages: page.messages.map((m) => toMessage(m, roster)),
      cursor: page.cursor,
    } satisfies HistoryPage;
  }

  /** Admins: `GET /chat/users`. Users: their one conversation with the desk, from history. */
  async conversations(): Promise<Conversation[]> {
    const roster = this.identified();
    if (roster.role === "admin") {
      const users = await this.api.users();
      for (const user of users) roster.users.add(user.user_id);
      return users.map(toConversation);
    }
    const { messages } = await this.history(roster.me, null, 100);
    return [deskConversation(roster, messages)];
  }

  /** An admin marks everything the user sent the desk; a user marks each admin who wrote. */
  async markRead(conversationId: string, upTo?: Message): Promise<void> {
    const roster = this.connected();
    const senders =
      roster.role === "admin"
        ? [conversationId]
        : [...new Set([...roster.writers, ...(upTo ? [upTo.senderId] : [])])];
    for (const sender of senders) {
      if (sender === roster.me || sender === "") continue;
      const detail = parseDetail(await this.link.request("mark_read", { sender_id: sender }));
      if (detail) throw detailError(detail);
    }
  }

  typing(conversationId: string, typing: boolean): void {
    const roster = this.roster;
    if (!roster || this.early || !this.link.isOpen) return;
    const receiver = roster.role === "admin" ? conversationId : this.knownAdmin(roster);
    if (!receiver || receiver === roster.me) return;
    this.ask("typing", { receiver_id: receiver, is_typing: typing });
  }

  /** With `joinRooms`, admins join the user's room (every socket is in its own room already). */
  watch(conversationId: string): void {
    if (this.joins(conversationId)) this.ask("join_room", { user_id: conversationId });
  }

  unwatch(conversationId: string): void {
    if (this.joins(conversationId)) this.ask("leave_room", { user_id: conversationId });
  }

  private joins(conversationId: string): boolean {
    const roster = this.roster;
    return (
      this.options.joinRooms === true &&
      roster?.role === "admin" &&
      conversationId !== roster.me &&
      this.link.isOpen
    );
  }

  /** `heartbeat`; resolves on `{status: "alive"}`. */
  async ping(): Promise<void> {
    const detail = parseDetail(await this.link.request("heartbeat"));
    if (detail) throw detailError(detail);
  }

  /** Who receives a message to `conversationId`: the user (admins) or an admin (users). */
  private async receiverFor(roster: Roster, conversationId: string): Promise<string> {
    if (roster.role === "admin") {
      if (conversationId === roster.me)
        throw new ParleyError("invalid-input", "An admin's conversations are keyed by user id");
      return conversationId;
    }
    if (conversationId !== roster.me)
      throw new ParleyError("invalid-input", "A user's one conversation is keyed by their own id");
    const known = this.knownAdmin(roster);
    if (known) return known;
    await this.presence.ready;
    const online = this.knownAdmin(roster);
    if (online) return online;
    throw new ParleyError("not-found", "No admin is known to write to: set `defaultAdminId`");
  }

  private knownAdmin(roster: Roster): string | null {
    return (
      this.options.defaultAdminId ??
      roster.lastAdmin ??
      this.presence.onlineAdmin(roster) ??
      roster.anyAdmin()
    );
  }

  /** Who we are, for REST calls: known since the first connect, whether or not the socket is up. */
  private identified(): Roster {
    if (!this.roster) throw new ParleyError("network", "Not connected yet");
    return this.roster;
  }

  private connected(): Roster {
    if (!this.roster || this.early || !this.link.isOpen)
      throw new ParleyError("network", "Not connected");
    return this.roster;
  }

  /** Fire-and-forget with an ack: a refusal is reported, a lost answer is not. */
  private ask(event: string, payload: unknown): void {
    this.link.request(event, payload).then(
      (reply) => {
        const detail = parseDetail(reply);
        if (detail) this.report(detailError(detail));
      },
      () => {},
    );
  }

  private report(error: ParleyError): void {
    this.context.emit({ type: "error", error });
  }

  private onEvent(event: string, payload: unknown): void {
    if (this.early) {
      this.early.push([event, payload]);
      return;
    }
    if (!this.roster) return;
    const out = decodeEvent(event, payload, this.roster, this.presence);
    if (out) this.context.emit(out);
  }
}
