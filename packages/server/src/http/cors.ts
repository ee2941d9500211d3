/**
 * Lets browser apps on other origins call a dialect's REST API, as the seeds' backends do with
 * their CORS middleware: preflights are answered, and every answer names the caller's origin.
 * Credentials are bearer tokens, never cookies, so reflecting the origin grants nothing extra.
 */
export function withCors(
  fetch: (request: Request) => Response | Promise<Response>,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const origin = request.headers.get("origin");
    if (!origin) return fetch(request);
    if (request.method === "OPTIONS" && request.headers.has("access-control-request-method")) {
      return new Response(null, {
        status: 204,
        headers: {
          "access-control-allow-origin": origin,
          "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
          "access-control-allow-headers":
            request.headers.get("access-control-request-headers") ?? "authorization, content-type",
          "access-control-max-age": "600",
          vary: "Origin",
        },
      });
    }
    const response = await fetch(request);
    if (response.headers.has("access-control-allow-origin")) return response;
    const headers = new Headers(response.headers);
    headers.set("access-control-allow-origin", origin);
    headers.append("vary", "Origin");
    return new Response(response.body, {
      status: response.status,
      statusText: response.statusText,
      headers,
    });
  };
}
