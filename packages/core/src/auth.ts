import { ParleyError } from "./errors.js";

/**
 * What a token is for, where a backend wants different credentials for its socket and its REST
 * API (rooms-ws customers: a socket token for the phone number, another for REST). A provider
 * that has one token for everything ignores it.
 */
export type TokenPurpose = "socket" | "rest";

/** What the client asks of a token provider. */
export interface TokenRequest {
  /** The server refused the last token: a new one, please. */
  refresh: boolean;
  /** @default "rest" */
  purpose: TokenPurpose;
}

/** Returns a token; called again (with `refresh`) when the server refused the last one. */
export type TokenProvider = (options: TokenRequest) => string | Promise<string>;

/** A static token, or a provider for tokens that expire. */
export type Auth = string | TokenProvider;

/**
 * Caches the current token of each purpose and asks the provider for a new one only when
 * needed; concurrent calls for one purpose share one request.
 */
export class TokenSource {
  readonly #cached = new Map<TokenPurpose, string>();
  readonly #pending = new Map<TokenPurpose, Promise<string>>();

  #auth: Auth;

  constructor(auth: Auth) {
    this.#auth = auth;
  }

  /** Replaces the credentials (a new login); the next `get()` uses them. */
  set(auth: Auth): void {
    this.#auth = auth;
    this.#cached.clear();
    this.#pending.clear();
  }

  /** The current token for a purpose; with `refresh`, a new one from the provider. */
  get(options: { refresh?: boolean; purpose?: TokenPurpose } = {}): Promise<string> {
    const refresh = options.refresh ?? false;
    const purpose = options.purpose ?? "rest";
    if (typeof this.#auth === "string") return Promise.resolve(this.#auth);
    const cached = this.#cached.get(purpose);
    if (!refresh && cached !== undefined) return Promise.resolve(cached);
    const waiting = this.#pending.get(purpose);
    if (waiting) return waiting;
    // A refused token may serve every purpose (most apps have one): the others are asked anew.
    if (refresh) this.#cached.clear();
    const provider = this.#auth;
    const request = Promise.resolve()
      .then(() => provider({ refresh, purpose }))
      .then(
        (token) => {
          if (typeof token !== "string" || token === "") {
            throw new ParleyError("unauthorized", "The token provider returned no token");
          }
          if (this.#auth === provider) this.#cached.set(purpose, token);
          return token;
        },
        (error: unknown) => {
          throw error instanceof ParleyError
            ? error
            : new ParleyError("unauthorized", "The token provider failed", { cause: error });
        },
      )
      .finally(() => {
        if (this.#pending.get(purpose) === request) this.#pending.delete(purpose);
      });
    this.#pending.set(purpose, request);
    return request;
  }

  /** True when a refresh can give a different token (a provider, not a fixed string). */
  get refreshable(): boolean {
    return typeof this.#auth === "function";
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

/**
 * The user a JWT names (`sub`), read without verifying (the server verifies). A token that cannot
 * be read is a refused token (`unauthorized`): the client asks the provider for a new one once,
 * then stops, instead of reconnecting with it forever.
 */
export function tokenUser(token: string): string {
  const sub = tokenSubject(token);
  if (sub === null)
    throw new ParleyError("unauthorized", "The token is unreadable: not a JWT with a `sub` claim");
  return sub;
}
