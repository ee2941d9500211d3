// Building blocks for adapters, Parley's own and third-party ones (`@parley/core/adapter-kit`).
export { tokenSubject } from "./auth.js";
export type { RestContext, RestRequest } from "./http/rest.js";
export { rest, toWebSocketUrl } from "./http/rest.js";
export { withUploadProgress } from "./http/upload-progress.js";
export { closeError } from "./transports/close-codes.js";
export type { WebSocketLinkOptions } from "./transports/websocket-link.js";
export { WebSocketLink } from "./transports/websocket-link.js";
