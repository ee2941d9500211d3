import type { ChatCache } from "../cache.js";
import type { ChatClient } from "../client-types.js";
import { defaultTimers, type Timers } from "../environment.js";
import { LocalSearch, type SearchOptions, type SearchResult } from "./local-search.js";
import { defaultSegmenter, termsOf, type WordSegmenter } from "./tokenize.js";

/** Options for {@link withSearch}. */
export interface WithSearchOptions {
  /**
   * The client's cache, when it was created with `terms` (`createIdbCache({ terms: indexTerms })`):
   * search then also finds what the cache stored and the store does not hold.
   * @default none: what the store holds
   */
  cache?: ChatCache | null;
  /** @default the global timers */
  timers?: Pick<Timers, "setTimeout" | "clearTimeout">;
  /**
   * Splits Chinese and Japanese text into words; null cuts it into character pairs.
   * @default `Intl.Segmenter` where the platform has it, else null
   */
  segmenter?: WordSegmenter | null;
  /** Messages indexed per background task. @default 500 */
  batchSize?: number;
}

/** A client that can search the messages it holds. */
export interface SearchableClient extends ChatClient {
  /**
   * Messages whose words start with every word of `query` (case, accents and width ignored),
   * newest first, from the store and the cache; with `fetchOlder`, older history is loaded until
   * the page is full.
   */
  search(query: string, options?: SearchOptions): Promise<SearchResult>;
}

/**
 * Adds local full-text search to a client: `withSearch(createChatClient(...))`. The store's
 * messages are indexed in the background from then on; `destroy` stops that too. Lives in
 * `@parley/core/search`, so apps that do not search do not bundle it.
 */
export function withSearch(client: ChatClient, options: WithSearchOptions = {}): SearchableClient {
  const engine = new LocalSearch(client, {
    timers: options.timers ?? defaultTimers,
    segmenter: options.segmenter === undefined ? defaultSegmenter() : options.segmenter,
    ...(options.cache && { cache: options.cache }),
    ...(options.batchSize !== undefined && { batchSize: options.batchSize }),
  });
  return {
    ...client,
    search: (query, searchOptions) => engine.search(query, searchOptions),
    destroy() {
      engine.dispose();
      client.destroy();
    },
  };
}

/** The words the cache files a message's text under (`createIdbCache({ terms: indexTerms })`). */
export function indexTerms(text: string): string[] {
  return termsOf(text, defaultSegmenter());
}
