/** Per-connection and per-request limits the reference server enforces on every dialect. */
export interface Limits {
  /** Largest inbound WebSocket frame or Socket.IO packet, in bytes. @default 65536 */
  maxFrameBytes: number;
  /** Longest message text, in characters. @default 4000 */
  maxContentChars: number;
  /** Largest JSON request body, in bytes. @default 65536 */
  maxBodyBytes: number;
  /** Largest upload (rooms-ws `/upload`), in bytes. @default 5242880 */
  maxUploadBytes: number;
  /** Sustained inbound frames per second per connection. @default 20 */
  ratePerSecond: number;
  /** Burst of inbound frames allowed above the sustained rate. @default 40 */
  rateBurst: number;
  /** Frames refused for rate before the connection is closed. @default 100 */
  rateStrikesBeforeClose: number;
}

export const defaultLimits: Limits = {
  maxFrameBytes: 64 * 1024,
  maxContentChars: 4000,
  maxBodyBytes: 64 * 1024,
  maxUploadBytes: 5 * 1024 * 1024,
  ratePerSecond: 20,
  rateBurst: 40,
  rateStrikesBeforeClose: 100,
};

/** Close codes used on raw WebSocket dialects; a browser cannot read an HTTP status on upgrade. */
export const CloseCode = {
  /** Missing, malformed, badly signed or expired token. */
  unauthorized: 4401,
  /** Valid token, but the user is unknown or may not use this socket (not a member, wrong role). */
  forbidden: 4403,
  /** The chat named in the URL does not exist. */
  notFound: 4404,
  /** Too many frames: the rate limit was exceeded for too long. */
  rateLimited: 4429,
  /** The server is shutting down or a test dropped every connection. */
  goingAway: 1001,
} as const;
