import { errors, jwtVerify, SignJWT } from "jose";

/** Used when `JWT_SECRET` is not set; the CLI prints a warning when it falls back to it. */
export const DEVELOPMENT_SECRET = "parley-development-secret-change-me";

export type TokenFailure = "missing" | "malformed" | "bad-signature" | "expired";

/** Why a token was refused; dialects map it to their documented rejection. */
export class TokenError extends Error {
  override readonly name = "TokenError";
  constructor(readonly reason: TokenFailure) {
    super(
      reason === "expired"
        ? "Token has expired"
        : reason === "missing"
          ? "Not authenticated"
          : "Could not validate credentials",
    );
  }
}

export interface TokenClaims {
  /** The user id. */
  sub: string;
  exp?: number;
  [claim: string]: unknown;
}

/** Signs and verifies the HS256 JWTs every dialect accepts. */
export class TokenService {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  /** Verifies signature, algorithm and expiry; answers the claims or throws `TokenError`. */
  async verify(token: string | null | undefined): Promise<TokenClaims> {
    if (!token) throw new TokenError("missing");
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ["HS256"] });
      if (typeof payload.sub !== "string" || payload.sub === "") throw new TokenError("malformed");
      return payload as TokenClaims;
    } catch (error) {
      if (error instanceof TokenError) throw error;
      if (error instanceof errors.JWTExpired) throw new TokenError("expired");
      if (error instanceof errors.JWSSignatureVerificationFailed) {
        throw new TokenError("bad-signature");
      }
      throw new TokenError("malformed");
    }
  }

  /**
   * Signs a token for `sub`. `expiresIn` is a number of seconds or a jose time span ("2h").
   * A negative number makes an already expired token, for tests.
   */
  async sign(
    sub: string,
    options: { expiresIn?: number | string; claims?: Record<string, unknown> } = {},
  ): Promise<string> {
    const { expiresIn = "12h", claims = {} } = options;
    const jwt = new SignJWT({ ...claims }).setProtectedHeader({ alg: "HS256", typ: "JWT" });
    const now = Math.floor(Date.now() / 1000);
    jwt.setSubject(sub).setIssuedAt(now);
    if (typeof expiresIn === "number") jwt.setExpirationTime(now + expiresIn);
    else jwt.setExpirationTime(expiresIn);
    return jwt.sign(this.key);
  }
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}
