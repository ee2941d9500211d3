import { codeForStatus, ParleyError } from "../errors.js";

/**
 * What a WebSocket close code means for the client. Servers signal refusals with 4xxx codes
 * (a browser cannot read an HTTP status on a failed upgrade); the common conventions are
 * 4000 + the HTTP status (4401) or its short form (4001). Refusals (401, 403, 404, 429) take
 * their HTTP meaning and 1009 means too large; any other close is a retryable "network" error.
 */
export function closeError(code: number, reason: string): ParleyError {
  const short = code % 1000;
  const status = code > 3999 && code < 5000 ? (short < 100 ? 400 + short : short) : 0;
  return new ParleyError(
    [401, 403, 404, 429].includes(status)
      ? codeForStatus(status)
      : code === 1009
        ? "payload-too-large"
        : "network",
    `Connection closed (${code})${reason ? `: ${reason}` : ""}`,
    { status: code },
  );
}
