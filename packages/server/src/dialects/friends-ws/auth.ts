import { type TokenClaims, TokenError } from "../../auth/jwt.js";
import type { DialectContext } from "../../dialect.js";
import type { DirectoryUser } from "../../fixtures/directory.js";
import type { FriendsProfile } from "./profile.js";

/** Who a token belongs to, or why it was refused. */
export type Identity =
  | { ok: true; userId: string }
  | { ok: false; refusal: "unauthorized"; detail: string }
  | { ok: false; refusal: "forbidden"; detail: string };

const BAD_CREDENTIALS = "Could not validate credentials";

/**
 * Verifies a JWT (signature, algorithm, expiry) and finds its account, which must be known and
 * active. Used for every socket upgrade (`purpose: "socket"`) and every REST request.
 *
 * Seed: the subject is the account id. Field (`upstreamClaims`): the socket reads `sub` as the
 * username (`core/websocket_deps.py`) and REST reads `user_id`, with a `role` that must be one of
 * the account's (`endpoints/check_role.py`). Tokens of the shared token service carry only
 * `sub` = the account id; the field profile accepts those too (`sub` is tried as a username
 * first, then as an id; REST falls back to `sub` without `user_id`), so one token works on both.
 */
export async function identify(
  ctx: DialectContext,
  profile: FriendsProfile,
  token: string | null,
  purpose: "socket" | "rest",
): Promise<Identity> {
  let claims: TokenClaims;
  try {
    claims = await ctx.tokens.verify(token);
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    // python-jose reports an expired token as any other JWTError.
    const detail =
      profile.upstreamClaims && error.reason !== "missing" ? BAD_CREDENTIALS : error.message;
    return { ok: false, refusal: "unauthorized", detail };
  }
  let user: DirectoryUser | undefined;
  if (!profile.upstreamClaims) user = ctx.directory.user(claims.sub);
  else if (purpose === "socket")
    user = byUsername(ctx, claims.sub) ?? ctx.directory.user(claims.sub);
  else {
    const id = typeof claims.user_id === "string" ? claims.user_id : claims.sub;
    user = ctx.directory.user(id);
    if (!user) return { ok: false, refusal: "unauthorized", detail: BAD_CREDENTIALS };
    if (claims.role !== undefined && !user.roles.has(claims.role as never))
      return {
        ok: false,
        refusal: "forbidden",
        detail: "Role mismatch between token and database",
      };
  }
  if (!user?.active)
    return { ok: false, refusal: "forbidden", detail: "User not found or inactive" };
  return { ok: true, userId: user.id };
}

function byUsername(ctx: DialectContext, username: string): DirectoryUser | undefined {
  return ctx.directory.users.find((user) => user.username === username);
}
