/**
 * A `fetch` that sends every request for `target` to `relay` instead, same path and query.
 * The demo needs it because most of the reference server's dialects send no CORS headers; a
 * backend that allows the app's origin needs none of this.
 */
export function relayFetch(target: string, relay: string): typeof fetch {
  const from = target.replace(/\/$/, "");
  const to = relay.replace(/\/$/, "");
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith(`${from}/`)) return fetch(input, init);
    const relayed = to + url.slice(from.length);
    return fetch(input instanceof Request ? new Request(relayed, input) : relayed, init);
  };
}
