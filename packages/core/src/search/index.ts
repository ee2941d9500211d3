// `@parley/core/search`: local full-text search over what the client holds and what it cached.
export { fold } from "./fold.js";
export type { InvertedIndex } from "./inverted-index.js";
export type {
  LocalSearchOptions,
  SearchableCache,
  SearchHit,
  SearchOptions,
  SearchResult,
} from "./local-search.js";
export { LocalSearch } from "./local-search.js";
export type { MatchRange } from "./match-ranges.js";
export { matchRanges } from "./match-ranges.js";
export type { IndexedMessage, IndexQuery } from "./message-index.js";
export { MessageIndex } from "./message-index.js";
export type { IndexerOptions, StateSource } from "./store-indexer.js";
export { StoreIndexer } from "./store-indexer.js";
export type { Token, WordSegmenter } from "./tokenize.js";
export { defaultSegmenter, termsOf, tokenize } from "./tokenize.js";
export type { SearchableClient, WithSearchOptions } from "./with-search.js";
export { indexTerms, withSearch } from "./with-search.js";
