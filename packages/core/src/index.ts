export type {
  AdapterContext,
  AdapterEvent,
  AdapterSession,
  ChatAdapter,
  HistoryPage,
  OutgoingMessage,
} from "./adapter.js";
export type { Auth, TokenProvider, TokenPurpose, TokenRequest } from "./auth.js";
export type { BackoffOptions } from "./backoff.js";
export { Backoff } from "./backoff.js";
export type {
  CachedPage,
  CachedThread,
  CacheHost,
  CacheSnapshot,
  ChatCache,
  OutboxRecord,
  OutboxWrite,
  TabMessage,
} from "./cache.js";
export type { Capabilities } from "./capabilities.js";
export { noCapabilities } from "./capabilities.js";
export type { ChatClient, ChatClientEvents, ChatClientOptions, SendOptions } from "./client.js";
export { createChatClient } from "./client.js";
export type { Environment, Timers } from "./environment.js";
export { defaultEnvironment, defaultTimers } from "./environment.js";
export type { ParleyErrorCode } from "./errors.js";
export { codeForStatus, isParleyError, ParleyError, RETRYABLE } from "./errors.js";
export type {
  Attachment,
  ConnectionState,
  ConnectionStatus,
  Conversation,
  ConversationKind,
  Message,
  MessageStatus,
  Participant,
  Presence,
} from "./model.js";
export type { OutboxEntryState } from "./outbox-entry.js";
export type { ChatState, ChatStore, HistoryStatus } from "./state.js";
export type { Thread } from "./thread.js";
export { emptyThread, threadMessages } from "./thread.js";
export type { ChatUsers, User, UserResolver } from "./user-directory.js";
