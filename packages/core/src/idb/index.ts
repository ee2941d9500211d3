// `@parley/core/idb`: the IndexedDB cache and durable outbox for `createChatClient({ cache })`.
export type { IdbCache, IdbCacheOptions, IdbCacheStatus } from "./cache.js";
export { cacheName, createIdbCache } from "./cache.js";
export type { CacheLimits } from "./eviction.js";
export type { HydrateLimits } from "./reader.js";
export { SCHEMA_VERSION } from "./schema.js";
export type { StoredQuery } from "./stored-search.js";
