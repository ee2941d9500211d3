import { ParleyError } from "../../errors.js";
import { type RestContext, rest } from "../../http/rest.js";
import type { Roster, SupportRole } from "./roster.js";
import { parseChatUsers, parseMessageList, type WireChatUser, type WireMessage } from "./wire.js";

/** The largest `limit` the paging extension accepts. */
const MAX_LIMIT = 1000;

/** The REST side: history and the admin's user list. */
export interface SupportRest {
  /**
   * A page of history, the `skip` cursor counted back from the newest. History is
   * `GET /chat/history/self` (users) or `GET /chat/history/user/{id}` (admins), one
   * unpaginated array in the seed. The reference server's paging extension (`skip`, `limit`)
   * is always asked for; a backend without it answers the whole history, paged here.
   */
  page(
    roster: Roster,
    conversationId: string,
    cursor: string | null,
    limit: number,
  ): Promise<{ messages: WireMessage[]; cursor: string | null }>;
  /** `GET /chat/users` (admins only; a user gets 403). */
  users(): Promise<WireChatUser[]>;
  /**
   * Our role: `given`, or what `GET /chat/users` says (a list for an admin, 403 for a user);
   * null when it cannot tell. Admins also get the user list, to file the shared inbox.
   */
  role(given: SupportRole | null): Promise<{ role: SupportRole | null; users: WireChatUser[] }>;
}

/** The invalid-input error for a conversation id of the wrong side (see {@link Roster}). */
export function keyError(roster: Roster, conversationId: string): ParleyError | null {
  return roster.role === "admin"
    ? conversationId === roster.me
      ? new ParleyError("invalid-input", "An admin's conversations are keyed by user id")
      : null
    : conversationId === roster.me
      ? null
      : new ParleyError("invalid-input", "A user's one conversation is keyed by their own id");
}

export function supportRest(
  context: RestContext,
  malformed: (what: string, count: number) => void,
): SupportRest {
  /** Per conversation: the first and last id and the length of the newest page's answer. */
  const newest = new Map<string, string>();
  const fingerprint = (all: WireMessage[]) =>
    JSON.stringify([all.length, all[0]?._id, all.at(-1)?._id]);

  const users = async () => {
    const list = parseChatUsers(await rest<unknown>(context, "/chat/users"));
    if (!list) throw new ParleyError("protocol", "/chat/users did not answer a list");
    return list;
  };

  return {
    users,

    async page(roster, conversationId, cursor, limit) {
      const wrongKey = keyError(roster, conversationId);
      if (wrongKey) throw wrongKey;
      const skip = cursor === null ? 0 : Number.parseInt(cursor, 10);
      if (!(skip >= 0)) throw new ParleyError("invalid-input", `Bad history cursor ${cursor}`);
      const size = Math.min(Math.max(1, Math.floor(limit)), MAX_LIMIT);
      const body = await rest<unknown>(
        context,
        roster.role === "admin"
          ? `/chat/history/user/${encodeURIComponent(conversationId)}`
          : "/chat/history/self",
        { query: { skip, limit: size } },
      );
      const { messages: all, dropped } = parseMessageList(body);
      if (dropped > 0) malformed(`history of ${conversationId}`, dropped);
      let page = all;
      let more = all.length === size;
      if (all.length > size || (skip > 0 && newest.get(conversationId) === fingerprint(all))) {
        // The backend ignored skip/limit and sent everything: page it here.
        const end = Math.max(0, all.length - skip);
        page = all.slice(Math.max(0, end - size), end);
        more = end > size;
      }
      if (skip === 0) newest.set(conversationId, fingerprint(all));
      return {
        messages: page,
        cursor: more && page.length > 0 ? String(skip + page.length) : null,
      };
    },

    async role(given) {
      if (given === "user") return { role: given, users: [] };
      try {
        return { role: "admin", users: await users() };
      } catch (error) {
        if (!(error instanceof ParleyError)) throw error;
        if (error.code === "forbidden" && given === null) return { role: "user", users: [] };
        if (given !== null || error.code === "not-found" || error.code === "protocol")
          return { role: given, users: [] };
        throw error;
      }
    },
  };
}
