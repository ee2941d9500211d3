import { ParleyError } from "../errors.js";

/**
 * What a WebSocket close code means for the client. Servers signal refusals with 4xxx codes
 * (a browser cannot read an HTTP status on a failed upgrade); the common conventions are
 * 4000 + the HTTP status (4401) or its short form (4001).
 */
export function closeError(code: number, reason: string): ParleyError {
  const detail = reason ? `: ${reason}` : "";
  const status =
    code >= 4000 && code < 5000 ? (code % 1000 < 100 ? 400 + (code % 1000) : code % 1000) : 0;
  if (status === 401)
    return new ParleyError("unauthorized", `Refused by the server${detail}`, { status: code });
  if (status === 403) return new ParleyError("forbidden", `Not allowed${detail}`, { status: code });
  if (status === 404) return new ParleyError("not-found", `Not found${detail}`, { status: code });
  if (status === 429)
    return new ParleyError("rate-limited", `Rate limited${detail}`, { status: code });
  if (code === 1009)
    return new ParleyError("payload-too-large", `Frame too large${detail}`, { status: code });
  return new ParleyError("network", `Connection closed (${code})${detail}`, { status: code });
}
