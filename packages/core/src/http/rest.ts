import { codeForStatus, ParleyError } from "../errors.js";

/**
 * The platform's fetch, called late so nothing global is touched at import. The client uses it
 * unless the app injects its own; only then may an upload switch to XMLHttpRequest for progress.
 */
export const platformFetch: typeof fetch = (...args) => globalThis.fetch(...args);

/** What an adapter needs to call a backend's REST API. */
export interface RestContext {
  url: string;
  fetch: typeof fetch;
  token(options?: { refresh?: boolean }): Promise<string>;
}

export interface RestRequest {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  /** JSON body; a `FormData` is sent as it is (multipart). */
  body?: unknown;
  /** Query parameters; undefined values are left out. */
  query?: Record<string, string | number | undefined>;
  /** Reads the error message out of the dialect's error body. */
  errorMessage?: (body: unknown) => string | undefined;
}

/**
 * Calls a JSON endpoint with `Authorization: Bearer`. A 401 is retried once with a refreshed
 * token; other failures become a ParleyError with the HTTP status and the server's message.
 * A GET that fails at the network level is tried once more (a server restart drops idle
 * keep-alive connections).
 */
export async function rest<T>(
  context: RestContext,
  path: string,
  request: RestRequest = {},
): Promise<T> {
  const url = new URL(path, context.url);
  for (const [key, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const method = request.method ?? "GET";
  const json = request.body !== undefined && !(request.body instanceof FormData);
  const attempt = async (refresh: boolean): Promise<Response> => {
    const token = await context.token({ refresh });
    const init: RequestInit = {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        accept: "application/json",
        ...(json ? { "content-type": "application/json" } : {}),
      },
      body: json ? JSON.stringify(request.body) : (request.body as FormData),
    };
    for (let tries = method === "GET" ? 2 : 1; ; ) {
      try {
        return await context.fetch(url, init);
      } catch (cause) {
        if (!--tries)
          throw new ParleyError("network", `${method} ${url.pathname} failed`, { cause });
      }
    }
  };
  let response = await attempt(false);
  if (response.status === 401) response = await attempt(true);
  const text = await response.text();
  let body: unknown;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    if (response.ok)
      throw new ParleyError("protocol", `${url.pathname} answered with invalid JSON`);
    body = text;
  }
  if (!response.ok) {
    const message = request.errorMessage?.(body) ?? defaultMessage(body) ?? response.statusText;
    throw new ParleyError(codeForStatus(response.status), message || `HTTP ${response.status}`, {
      status: response.status,
    });
  }
  return body as T;
}

function defaultMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body.slice(0, 200);
  for (const key of ["detail", "message", "error"]) {
    const value = (body as Record<string, unknown> | undefined)?.[key];
    if (typeof value === "string") return value;
  }
}

/** `http://host` to `ws://host` (and https to wss). */
export function toWebSocketUrl(httpUrl: string): string {
  return httpUrl.replace(/^http(s?):/i, (_m, s: string) => `ws${s}:`);
}
