import { TokenError } from "../../auth/jwt.js";
import type { DialectContext } from "../../dialect.js";

/** Who a token belongs to, or why it was refused. */
export type Identity =
  | { ok: true; userId: string }
  | { ok: false; refusal: "unauthorized"; detail: string }
  | { ok: false; refusal: "forbidden"; detail: string };

/**
 * Verifies a JWT (signature, algorithm, expiry) and checks its subject is a known, active
 * account. Used for every socket upgrade and every REST request.
 */
export async function identify(ctx: DialectContext, token: string | null): Promise<Identity> {
  let sub: string;
  try {
    sub = (await ctx.tokens.verify(token)).sub;
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    return { ok: false, refusal: "unauthorized", detail: error.message };
  }
  const user = ctx.directory.user(sub);
  if (!user?.active)
    return { ok: false, refusal: "forbidden", detail: "User not found or inactive" };
  return { ok: true, userId: sub };
}
