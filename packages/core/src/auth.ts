import { ParleyError } from "./errors.js";

/** Returns a token; called again (with `refresh`) when the server refused the last one. */
export type TokenProvider = (options: { refresh: boolean }) => string | Promise<string>;

/** A static token, or a provider for tokens that expire. */
export type Auth = string | TokenProvider;

/** Caches the current token and asks the provider for a new one only when needed. */
export class TokenSource {
  private cached: string | null = null;
  private pending: Promise<string> | null = null;

  constructor(private auth: Auth) {}

  /** Replaces the credentials (a new login); the next `get()` uses them. */
  set(auth: Auth): void {
    this.auth = auth;
    this.cached = null;
    this.pending = null;
  }

  /** The current token; with `refresh`, a new one from the provider. Concurrent calls share one. */
  get(options: { refresh?: boolean } = {}): Promise<string> {
    const refresh = options.refresh ?? false;
    if (typeof this.auth === "string") return Promise.resolve(this.auth);
    if (!refresh && this.cached !== null) return Promise.resolve(this.cached);
    if (this.pending) return this.pending;
    const provider = this.auth;
    this.pending = Promise.resolve()
      .then(() => provider({ refresh }))
      .then(
        (token) => {
          if (typeof token !== "string" || token === "") {
            throw new ParleyError("unauthorized", "The token provider returned no token");
          }
          if (this.auth === provider) this.cached = token;
          return token;
        },
        (error: unknown) => {
          throw error instanceof ParleyError
            ? error
            : new ParleyError("unauthorized", "The token provider failed", { cause: error });
        },
      )
      .finally(() => {
        this.pending = null;
      });
    return this.pending;
  }

  /** True when a refresh can give a different token (a provider, not a fixed string). */
  get refreshable(): boolean {
    return typeof this.auth === "function";
  }
}

/** The `sub` claim of a JWT, read without verifying (the server verifies). */
export function tokenSubject(token: string): string | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const base64 = payload.replace(/-/g, "+").replace(/_/g, "/");
    const binary = atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "="));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const json = JSON.parse(new TextDecoder().decode(bytes));
    return typeof json?.sub === "string" ? json.sub : null;
  } catch {
    return null;
  }
}
