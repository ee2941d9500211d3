/** Every error code Parley reports. */
export type ParleyErrorCode =
  | "unauthorized"
  | "forbidden"
  | "not-found"
  | "network"
  | "timeout"
  | "rate-limited"
  | "server"
  | "protocol"
  | "invalid-input"
  | "payload-too-large"
  | "unsupported"
  | "storage-degraded"
  | "closed";

/** Which codes are worth trying again later with the same input. */
export const RETRYABLE: Readonly<Record<ParleyErrorCode, boolean>> = {
  unauthorized: false,
  forbidden: false,
  "not-found": false,
  network: true,
  timeout: true,
  "rate-limited": true,
  server: true,
  protocol: false,
  "invalid-input": false,
  "payload-too-large": false,
  unsupported: false,
  "storage-degraded": false,
  closed: false,
};

/** The one error class Parley throws and reports; `code` says what happened. */
export class ParleyError extends Error {
  override readonly name = "ParleyError";
  readonly code: ParleyErrorCode;
  /** True when the same operation may succeed if tried again later. */
  readonly retryable: boolean;
  /** HTTP status or close code, when one was involved. */
  readonly status?: number;
  /**
   * True when a send certainly did not reach the server's store (the link was not open, or the
   * server refused it): sending it again cannot double it. A rate limit is always such a refusal.
   */
  readonly unsent: boolean;

  constructor(
    code: ParleyErrorCode,
    message: string,
    options: { cause?: unknown; status?: number; unsent?: boolean } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = RETRYABLE[code];
    this.unsent = options.unsent ?? code === "rate-limited";
    if (options.status !== undefined) this.status = options.status;
  }
}

/** Maps an HTTP status to the matching code. */
export function codeForStatus(status: number): ParleyErrorCode {
  if (status === 401) return "unauthorized";
  if (status === 403) return "forbidden";
  if (status === 404) return "not-found";
  if (status === 408) return "timeout";
  if (status === 413) return "payload-too-large";
  if (status === 429) return "rate-limited";
  if (status === 400 || status === 415 || status === 422) return "invalid-input";
  return status >= 500 ? "server" : "protocol";
}

export function isParleyError(value: unknown): value is ParleyError {
  return value instanceof ParleyError;
}

/** Any thrown value as a ParleyError: a ParleyError stays itself, anything else is a network failure. */
export function asParleyError(error: unknown): ParleyError {
  return error instanceof ParleyError
    ? error
    : new ParleyError("network", String(error), { cause: error });
}
