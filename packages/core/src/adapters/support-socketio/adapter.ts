import type { Socket } from "socket.io-client";
import type { AdapterContext, AdapterEvent, AdapterSession, ChatAdapter } from "../../adapter.js";
import { tokenUser } from "../../auth.js";
import { ParleyError } from "../../errors.js";
import type { Message } from "../../model.js";
import { connectSocketIo } from "../../transports/socketio.js";
import { compact, isRecord } from "../../transports/wire.js";
import { ADMIN_DASHBOARD, createAdminDashboard } from "./admin-dashboard.js";
import { createDeskRoster, type DeskRoster } from "./desk-roster.js";
import { routeFrames } from "./frame-router.js";
import { claimedRole, documented, type SupportSocketioOptions } from "./options.js";
import { chatRest, historyPage, userList } from "./rest.js";
import { detailError, parseDetail, parseMessage, references, toConversation } from "./wire.js";

export type { SupportSocketioOptions } from "./options.js";

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
  let socket: Socket | null = null;
  /** Who we are and who is who on the desk: known from the first connect, kept while we stay. */
  let roster: DeskRoster | undefined;
  /** Settles when the online list asked for at the last connect was answered (or not). */
  let online: Promise<void> = Promise.resolve();
  /** The server greeted with the deployed backend's `connection_confirmed`. */
  let field = false;
  /** `messages_read` events seen: one that comes during a send's history read is read again. */
  let receipts = 0;
  /** The deployed backend's `message_error` since the last acknowledgement. */
  let refusal: string | undefined;
  const base = { path: options.restBase ?? "/chat" };
  const get = chatRest(context, base);

  const network = (message: string) => new ParleyError("network", message);
  const connected = () => {
    if (!socket?.connected) throw network("Not connected");
  };

  /**
   * Emits with an acknowledgement and answers the reply; a `{detail}` reply is a refusal,
   * thrown, and so is an empty one after a `message_error` (the deployed backend acknowledges
   * every event with nothing, after refusing it). Rejects with "network" when the link is down
   * or drops before the answer, "timeout" when the server does not answer in time. The payload
   * is always an object: the deployed handlers fail on an event without one.
   */
  const request = (event: string, payload: object = {}) =>
    new Promise<unknown>((resolve, reject) => {
      connected();
      (socket as Socket)
        .timeout(options.ackTimeoutMs ?? 10_000)
        .emit(event, payload, (error: Error | null, reply: unknown) => {
          const detail = parseDetail(reply) ?? (reply === undefined ? refusal : undefined);
          refusal = undefined;
          if (error)
            reject(
              /disconnected/i.test(error.message)
                ? network(`${event}: disconnected`)
                : new ParleyError("timeout", `${event}: no answer`),
            );
          else if (detail) reject(detailError(detail));
          else resolve(reply);
        });
    });

  /** The roster, with `conversationId` checked against our side (see {@link createDeskRoster}). */
  const keyed = (conversationId: string): DeskRoster => {
    if (!roster) throw network("Not connected");
    if ((roster.role === "user") !== (conversationId === roster.me))
      throw new ParleyError("invalid-input", "A user has only their own conversation");
    return roster;
  };

  /** The admin a user addresses: the configured one, else see `DeskRoster.admin`. */
  const admin = () => options.defaultAdminId ?? roster?.admin();

  const users = () => userList(get, report);

  /** A page of history (see {@link historyPage}), filed by the roster. */
  const history = async (conversationId: string, cursor: string | null, limit: number) => {
    const known = keyed(conversationId);
    const page = await historyPage(get, known.role, conversationId, cursor, limit, report);
    return { messages: page.messages.map(known.message), cursor: page.next };
  };

  /**
   * Joins a conversation's room, named by the user's id. The reference server put us in our own
   * room already; the deployed backend relays only to rooms joined with `room`.
   */
  const join = async (id: string) => {
    await request("join_room", { user_id: id, room: id, user_type: roster?.role });
  };

  const dashboard = createAdminDashboard({
    join,
    latest: async (userId) => (await history(userId, null, 50)).messages,
    emit,
  });

  const session: AdapterSession = {
    detectsDeadLinks: true, // Socket.IO pings and reports a dead link as a disconnect
    async connect() {
      session.disconnect();
      const token = await context.token({ purpose: "socket" });
      const me = tokenUser(token);
      if (roster?.me !== me) roster = undefined;
      field = false;
      await connectSocketIo(
        {
          url: context.url,
          path: options.path,
          transports: options.transports,
          token: async () => token,
        },
        (opened) => {
          socket = opened;
          // The token goes in `?token=`: the deployed backend never answers a handshake with an
          // `auth` payload; the reference server reads either.
          opened.auth = {};
          opened.io.opts.query = { token };
          // `ready` goes out before any event of the new link is handled.
          opened.once("connect", () => emit({ type: "ready", userId: me }));
          opened.on("disconnect", (reason: string) => {
            if (socket !== opened) return; // closed by us
            socket = null;
            emit({ type: "closed", error: network(`Disconnected: ${reason}`) });
          });
          // The deployed backend: REST under /api/chat, and no presence events.
          opened.on("connection_confirmed", () => {
            field = true;
            base.path = options.restBase ?? "/api/chat";
            emit({ type: "capabilities", capabilities: { presence: false } });
          });
          opened.on("message_error", (payload?: { details?: string }) => {
            refusal = payload?.details || "Refused";
          });
          routeFrames(opened, () => roster, emit);
          opened.on("messages_read", () => receipts++);
          opened.on("new_user_message", dashboard.heard);
        },
      );
      // One round trip before any REST call, so a greeting has arrived; the reference server
      // answers our role.
      const info = await request("get_connection_info");
      roster ??= createDeskRoster(
        me,
        options.role ??
          claimedRole(token) ??
          (isRecord(info) && info.role === "admin" ? "admin" : "user"),
        emit,
      );
      const known = roster;
      if (known.role === "user") await join(me);
      // Admins keep the list, to file the shared inbox (deployed: see createAdminDashboard).
      else {
        dashboard.reset();
        await users().then((list) => {
          for (const user of list) known.users.add(user.user_id);
          dashboard.know(list);
        }, report);
        if (field) await join(ADMIN_DASHBOARD);
      }
      // Who is online: an admin sees everyone, a user sees the admins; then `user_status`.
      online = request("get_online_users").then(
        (reply) => {
          const ids = isRecord(reply) && reply.online_users;
          if (Array.isArray(ids)) known.sync(ids);
        },
        () => {},
      );
    },

    disconnect() {
      socket?.removeAllListeners().disconnect();
      socket = null;
    },

    async send(outgoing) {
      const { conversationId: room, text } = outgoing;
      const known = keyed(room);
      connected();
      let receiver: string | undefined = room;
      if (known.role === "user") {
        // Every admin receives every user message (the shared inbox): any admin will do.
        if (!admin()) await online;
        receiver = admin() ?? "admin";
      }
      const timestamp = new Date(context.timers.now()).toISOString();
      const reply = await request("send_message", {
        receiver_id: receiver,
        message_text: text,
        ...references(outgoing.extra),
        // What the deployed backend reads instead; the reference server ignores them.
        room,
        sender_id: known.me,
        content: text,
        timestamp,
      });
      const wire = parseMessage(reply);
      if (wire) return known.message(wire);
      // The deployed backend acknowledges with nothing and echoes nothing: its history holds the
      // stored copy, with our timestamp. Not found there, the outbox proves it later. A receipt
      // that came while the page was on its way may be newer than it: then it is read again.
      const mine = (m: Message) =>
        m.senderId === known.me && m.text === text && m.createdAt === timestamp;
      const before = receipts;
      const found = (await history(room, null, 50).catch(() => null))?.messages.findLast(mine);
      if (!found || receipts === before) return found ?? null;
      return (await history(room, null, 50).catch(() => null))?.messages.findLast(mine) ?? found;
    },

    history,

    /** Joins the room of a conversation (see `join`). */
    watch: (id) => join(dashboard.joined(keyed(id) && id)),

    /** Admins: `GET /chat/users`. Users: their one conversation with the desk, from history. */
    async conversations() {
      const known = keyed(roster?.role === "user" ? roster.me : "");
      if (known.role === "admin") {
        const list = await users();
        for (const user of list) known.users.add(user.user_id);
        return list.map(toConversation);
      }
      // Unread are the admins' messages not marked read (`is_read`, an extension).
      const { messages } = await history(known.me, null, 100);
      return [
        {
          id: known.me,
          kind: "direct",
          title: "Support",
          participants: [
            { id: known.me, role: "user" },
            ...[...known.admins].map((id) => ({ id, role: "admin" })),
          ],
          unreadCount: messages.filter((m) => m.senderId !== known.me && m.status !== "read")
            .length,
          ...compact({ lastMessage: messages.at(-1) }),
        },
      ];
    },

    /**
     * An admin marks everything the user sent the desk; a user marks each admin who wrote. The
     * deployed backend reads `user_id` (the reader) and `room` instead.
     */
    async markRead(conversationId, upTo) {
      const known = keyed(conversationId);
      connected();
      const senders =
        known.role === "admin"
          ? [conversationId]
          : new Set([...known.writers, ...(upTo ? [upTo.senderId] : [])]);
      for (const sender of senders)
        if (sender !== known.me && sender)
          await request("mark_read", {
            sender_id: sender,
            room: conversationId,
            user_id: known.me,
          });
    },

    typing(conversationId, typing) {
      const receiver =
        roster?.role === "admin" ? conversationId : (admin() ?? (field ? "admin" : undefined));
      if (socket?.connected && receiver && receiver !== roster?.me)
        // A refusal is reported; a lost answer is not.
        request("typing", {
          receiver_id: receiver,
          is_typing: typing,
          room: conversationId,
          user_id: roster?.me,
        }).catch(
          (error: ParleyError) =>
            error.code === "network" || error.code === "timeout" || report(error),
        );
    },

    /** `heartbeat`: answered with `heartbeat_response`, or the deployed backend's `heartbeat_ack`. */
    async ping() {
      await request("heartbeat");
    },
  };
  return session;
}
