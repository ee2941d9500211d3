import type { Socket } from "socket.io-client";
import type { AdapterContext, AdapterEvent, AdapterSession, ChatAdapter } from "../../adapter.js";
import { tokenSubject } from "../../auth.js";
import type { Capabilities } from "../../capabilities.js";
import { ParleyError } from "../../errors.js";
import { connectSocketIo } from "../../transports/socketio.js";
import { compact, isRecord } from "../../transports/wire.js";
import { createDeskRoster, type DeskRoster, type SupportRole } from "./desk-roster.js";
import { routeFrames } from "./frame-router.js";
import { historyPage, userList } from "./rest.js";
import { detailError, parseDetail, parseMessage, references, toConversation } from "./wire.js";

/**
 * support-socketio as documented (PROTOCOLS.md): history (unpaginated in the seed, paged with
 * the server's skip/limit extension), the admin's user list with unread counts, typing,
 * per-conversation read receipts (`mark_read`), presence, and `heartbeat` as keepalive.
 */
const documented: Capabilities = {
  history: true,
  conversationList: true,
  typing: true,
  readReceipts: "conversation",
  deliveryStatus: false,
  presence: true,
  userStatus: false,
  attachments: false,
  edit: false,
  delete: false,
  replies: false,
  groups: false,
  /** An admin may write to any user, with or without earlier messages. */
  createConversation: true,
};

/** Options for {@link supportSocketio}. */
export interface SupportSocketioOptions {
  /**
   * The admin a user's messages and typing are addressed to. Every admin receives every user
   * message (the desk's shared inbox), so any admin will do. @default the admin of the newest
   * message seen, else one who is online, else any known admin
   */
  defaultAdminId?: string;
  /** Our role on the desk. @default detected: `GET /chat/users` answers an admin, 403 a user */
  role?: SupportRole;
  /** @default "/socket.io" */
  path?: string;
  /** @default ["websocket"]; add "polling" to allow long-polling */
  transports?: ("websocket" | "polling")[];
  /** How long an acknowledgement may take. @default 10000 */
  ackTimeoutMs?: number;
}

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
  /**
   * Who we are and who is who on the desk: known from the first connect on, and kept while the
   * identity stays.
   */
  let roster: DeskRoster | undefined;
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

  /** The roster, with `conversationId` checked against our side (see {@link createDeskRoster}). */
  const keyed = (conversationId: string): DeskRoster => {
    if (!roster) throw network("Not connected");
    if ((roster.role === "user") !== (conversationId === roster.me))
      throw new ParleyError(
        "invalid-input",
        "Conversations are keyed by the user's id: a user has only their own",
      );
    return roster;
  };

  /** The admin a user addresses: the configured one, else see `DeskRoster.admin`. */
  const admin = () => options.defaultAdminId ?? roster?.admin();

  const users = () => userList(context, report);

  /** A page of history (see {@link historyPage}), filed by the roster. */
  const history = async (conversationId: string, cursor: string | null, limit: number) => {
    const known = keyed(conversationId);
    const page = await historyPage(context, known.role, conversationId, cursor, limit, report);
    return { messages: page.messages.map(known.message), cursor: page.next };
  };

  const session: AdapterSession = {
    detectsDeadLinks: true, // Socket.IO pings and reports a dead link as a disconnect
    async connect() {
      session.disconnect();
      const me = tokenSubject(await context.token());
      if (!me) throw new ParleyError("protocol", "The token names no user (no `sub`)");
      if (roster?.me !== me) {
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
        roster = createDeskRoster(me, role, emit);
        for (const user of listed) roster.users.add(user.user_id);
      }
      const known = roster;
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
          routeFrames(opened, known, emit);
        },
      );
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
      const receiver = roster?.role === "admin" ? conversationId : admin();
      if (socket?.connected && receiver && receiver !== roster?.me)
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
