/**
 * An error a REST handler throws to answer with a status; each dialect's `onError` turns it into
 * that dialect's documented error body.
 */
export class HttpError extends Error {
  override readonly name = "HttpError";
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500,
    message: string,
    /** Validation details, for dialects whose errors list them (FastAPI's 422). */
    readonly details?: unknown,
  ) {
    super(message);
  }
}
