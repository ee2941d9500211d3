import type { Socket } from "socket.io-client";
import type { AdapterContext, AdapterEvent, AdapterSession, ChatAdapter } from "../../adapter.js";
import { tokenSubject } from "../../auth.js";
import { ParleyError } from "../../errors.js";
import { rest } from "../../http/rest.js";
import { connectSocketIo } from "../../transports/socketio.js";
import { compact, isRecord, items } from "../../transports/wire.js";
import { createDesk, type Desk } from "./desk.js";
import { documented, type SupportSocketioOptions } from "./options.js";
import {
  detailError,
  parseChatUser,
  parseDetail,
  parseMessage,
  references,
  toConversation,
} from "./wire.js";

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
  let socket: Socket | null = null;
  /** Who we are: known from the first connect on, and kept while the identity stays. */
  let desk: Desk | undefined;
  /** Settles when the online list asked for at the last connect was answered (or not). */
  let online: Promise<void> = Promise.resolve();

  const network = (message: string) => new ParleyError("network", message);
  const connected = () => {
    if (!socket?.connected) throw network("Not connected");
  };

  /**
   * Emits with an acknowledgement and answers the reply; a `{detail}` reply is a refusal,
   * thrown. Rejects with "network" when the link is down or drops before the answer, "timeout"
   * when the server does not answer in time.
   */
  const request = async (event: string, ...payload: unknown[]): Promise<unknown> => {
    connected();
    const reply = await (socket as Socket)
      .timeout(options.ackTimeoutMs ?? 10_000)
      .emitWithAck(event, ...payload)
      .catch((error: Error) => {
        throw /disconnected/i.test(error.message)
          ? network(`Disconnected before ${event} was answered`)
          : new ParleyError("timeout", `${event} was not answered in time`);
      });
    const detail = parseDetail(reply);
    if (detail) throw detailError(detail);
    return reply;
  };

  /** The desk, with `conversationId` checked against our side (see {@link createDesk}). */
  const keyed = (conversationId: string): Desk => {
    if (!desk) throw network("Not connected");
    if ((desk.role === "user") !== (conversationId === desk.me))
      throw new ParleyError(
        "invalid-input",
        "Conversations are keyed by the user's id: a user has only their own",
      );
    return desk;
  };

  /** The admin a user addresses: the configured one, else see `Desk.admin`. */
  const admin = () => options.defaultAdminId ?? desk?.admin();

  /** `GET /chat/users`: admins only, a user gets 403. */
  const users = async () =>
    items(await rest(context, "/chat/users"), parseChatUser, "user list", report);

  /**
   * A page of history, the `skip` cursor counted back from the newest. History is
   * `GET /chat/history/self` (users) or `GET /chat/history/user/{id}` (admins), one unpaginated
   * array in the seed. The reference server's paging extension (`skip`, `limit`) is always
   * asked for; a backend without it answers more than a page, paged here.
   */
  const history = async (conversationId: string, cursor: string | null, limit: number) => {
    const known = keyed(conversationId);
    const skip = Number(cursor) || 0;
    const size = Math.min(limit, 1000);
    const body = await rest(
      context,
      known.role === "admin"
        ? `/chat/history/user/${encodeURIComponent(conversationId)}`
        : "/chat/history/self",
      { query: { skip, limit: size } },
    );
    let page = items(body, parseMessage, "history", report);
    let more = page.length === size;
    if (page.length > size) {
      const end = Math.max(0, page.length - skip);
      page = page.slice(Math.max(0, end - size), end);
      more = end > size;
    }
    return {
      messages: page.map(known.message),
      cursor: more && page.length ? String(skip + page.length) : null,
    };
  };

  const session: AdapterSession = {
    detectsDeadLinks: true, // Socket.IO pings and reports a dead link as a disconnect
    async connect() {
      session.disconnect();
      const me = tokenSubject(await context.token());
      if (!me) throw new ParleyError("protocol", "The token names no user (no `sub`)");
      if (desk?.me !== me) {
        // Our role: given, or what `GET /chat/users` says (a list for an admin, 403 for a user).
        // Admins keep the list, to file the shared inbox.
        let role = options.role;
        let listed: Array<{ user_id: string }> = [];
        if (role !== "user")
          try {
            listed = await users();
            role = "admin";
          } catch (error) {
            // A given role stands without the list.
            if (!role) {
              if ((error as ParleyError).code !== "forbidden") throw error;
              role = "user";
            }
          }
        desk = createDesk(me, role, emit);
        for (const user of listed) desk.users.add(user.user_id);
      }
      const { events, sync } = desk;
      await connectSocketIo(
        {
          url: context.url,
          path: options.path,
          transports: options.transports,
          token: () => context.token(),
        },
        (opened) => {
          socket = opened;
          // `ready` goes out before any event of the new link is handled.
          opened.once("connect", () => emit({ type: "ready", userId: me }));
          opened.on("disconnect", (reason: string) => {
            if (socket !== opened) return; // closed by us
            socket = null;
            emit({ type: "closed", error: network(`Disconnected: ${reason}`) });
          });
          for (const event in events)
            opened.on(event, (payload: unknown) => events[event]?.(payload, event));
        },
      );
      // Who is online: an admin sees everyone, a user sees the admins; then `user_status`.
      online = request("get_online_users").then(
        (reply) => {
          const ids = isRecord(reply) && reply.online_users;
          if (Array.isArray(ids)) sync(ids);
        },
        () => {},
      );
    },

    disconnect() {
      const old = socket;
      socket = null;
      old?.removeAllListeners().disconnect();
    },

    async send(outgoing) {
      const known = keyed(outgoing.conversationId);
      connected();
      let receiver: string | undefined = outgoing.conversationId;
      if (known.role === "user") {
        // Every admin receives every user message (the shared inbox): any admin will do.
        if (!admin()) await online;
        receiver = admin();
        if (!receiver)
          throw new ParleyError("not-found", "No admin is known to write to: set `defaultAdminId`");
      }
      const wire = parseMessage(
        await request("send_message", {
          receiver_id: receiver,
          message_text: outgoing.text,
          ...references(outgoing.extra),
        }),
      );
      if (!wire) throw new ParleyError("protocol", "send_message was answered with no message");
      return known.message(wire);
    },

    history,

    /** Admins: `GET /chat/users`. Users: their one conversation with the desk, from history. */
    async conversations() {
      const known = keyed(desk?.role === "user" ? desk.me : "");
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

    /** An admin marks everything the user sent the desk; a user marks each admin who wrote. */
    async markRead(conversationId, upTo) {
      const known = keyed(conversationId);
      connected();
      const senders =
        known.role === "admin"
          ? [conversationId]
          : new Set([...known.writers, ...(upTo ? [upTo.senderId] : [])]);
      for (const sender of senders)
        if (sender !== known.me && sender) await request("mark_read", { sender_id: sender });
    },

    typing(conversationId, typing) {
      const receiver = desk?.role === "admin" ? conversationId : admin();
      if (socket?.connected && receiver && receiver !== desk?.me)
        // A refusal is reported; a lost answer is not.
        request("typing", { receiver_id: receiver, is_typing: typing }).catch(
          (error: ParleyError) =>
            error.code === "network" || error.code === "timeout" || report(error),
        );
    },

    /** `heartbeat`; resolves on `{status: "alive"}`. */
    async ping() {
      await request("heartbeat");
    },
  };
  return session;
}
