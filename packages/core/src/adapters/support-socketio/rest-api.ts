import { ParleyError } from "../../errors.js";
import { type RestContext, rest } from "../../http/rest.js";
import type { Roster, SupportRole } from "./roster.js";
import { parseChatUsers, parseMessageList, type WireChatUser, type WireMessage } from "./wire.js";

/** The largest `limit` the paging extension accepts. */
const MAX_LIMIT = 1000;

interface NewestPage {
  first: string | undefined;
  last: string | undefined;
  length: number;
}

/**
 * The REST side: history and the admin's user list.
 *
 * History is `GET /chat/history/self` (users) or `GET /chat/history/user/{id}` (admins), one
 * unpaginated array in the seed. The reference server's paging extension (`skip`, `limit`,
 * counted back from the newest) is always asked for; the cursor is the `skip` of the next older
 * page. A backend without the extension answers the whole history, which is then paged here.
 */
export class SupportRest {
  private readonly newest = new Map<string, NewestPage>();

  constructor(
    private readonly context: RestContext,
    private readonly malformed: (what: string, count: number) => void,
  ) {}

  async page(
    roster: Roster,
    conversationId: string,
    cursor: string | null,
    limit: number,
  ): Promise<{ messages: WireMessage[]; cursor: string | null }> {
    const path = this.historyPath(roster, conversationId);
    const skip = cursor === null ? 0 : Number.parseInt(cursor, 10);
    if (!Number.isFinite(skip) || skip < 0)
      throw new ParleyError("invalid-input", `Bad history cursor ${cursor}`);
    const size = Math.min(Math.max(1, Math.floor(limit)), MAX_LIMIT);
    const body = await rest<unknown>(this.context, path, { query: { skip, limit: size } });
    const { messages: all, dropped } = parseMessageList(body);
    if (dropped > 0) this.malformed(`history of ${conversationId}`, dropped);

    let page = all;
    let more = all.length === size;
    if (all.length > size || (skip > 0 && this.sameAsNewest(conversationId, all))) {
      // The backend ignored skip/limit and sent everything: page it here.
      const end = Math.max(0, all.length - skip);
      page = all.slice(Math.max(0, end - size), end);
      more = end > size;
    }
    if (skip === 0) {
      this.newest.set(conversationId, {
        first: all[0]?._id,
        last: all.at(-1)?._id,
        length: all.length,
      });
    }
    return { messages: page, cursor: more && page.length > 0 ? String(skip + page.length) : null };
  }

  /** `GET /chat/users` (admins only; a user gets 403). */
  async users(): Promise<WireChatUser[]> {
    const body = await rest<unknown>(this.context, "/chat/users");
    const users = parseChatUsers(body);
    if (!users) throw new ParleyError("protocol", "/chat/users did not answer a list");
    return users;
  }

  /**
   * Our role: `given`, or what `GET /chat/users` says (a list for an admin, 403 for a user);
   * null when it cannot tell. Admins also get the user list, to file the shared inbox.
   */
  async role(
    given: SupportRole | null,
  ): Promise<{ role: SupportRole | null; users: WireChatUser[] }> {
    if (given === "user") return { role: given, users: [] };
    try {
      return { role: "admin", users: await this.users() };
    } catch (error) {
      if (!(error instanceof ParleyError)) throw error;
      if (error.code === "forbidden" && given === null) return { role: "user", users: [] };
      if (given !== null || error.code === "not-found" || error.code === "protocol")
        return { role: given, users: [] };
      throw error;
    }
  }

  private historyPath(roster: Roster, conversationId: string): string {
    if (roster.role === "admin") {
      if (conversationId === roster.me)
        throw new ParleyError("invalid-input", "An admin's conversations are keyed by user id");
      return `/chat/history/user/${encodeURIComponent(conversationId)}`;
    }
    if (conversationId !== roster.me)
      throw new ParleyError("invalid-input", "A user's one conversation is keyed by their own id");
    return "/chat/history/self";
  }

  private sameAsNewest(conversationId: string, all: WireMessage[]): boolean {
    const newest = this.newest.get(conversationId);
    return (
      newest !== undefined &&
      newest.length === all.length &&
      newest.first === all[0]?._id &&
      newest.last === all.at(-1)?._id
    );
  }
}
