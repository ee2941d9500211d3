// Test doubles and fixtures that run anywhere: Node, jsdom and the browser (stories).
export type {
  FakeAdapter,
  FakeAdapterOptions,
  FakeSession,
  SendOutcome,
} from "./fake-adapter.js";
export { fakeAdapter } from "./fake-adapter.js";
export type { FakeChat, FakeChatOptions, FakeEnvironment } from "./fake-chat.js";
export { connected, deferred, fakeChat, incoming, settle } from "./fake-chat.js";
export { FakeLocks } from "./fake-locks.js";
export { FakeServer } from "./fake-server.js";
export type { ThreadOptions } from "./fixtures.js";
export { directConversation, groupConversation, makeThread } from "./fixtures.js";
export { manualTimers } from "./manual-timers.js";
export { withoutErrorReports } from "./quiet-errors.js";
export { waitFor } from "./wait-for.js";
export { XSS_MARKUP, XSS_URLS } from "./xss-payloads.js";
