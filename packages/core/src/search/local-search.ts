import type { ChatCache } from "../cache.js";
import type { ChatClient } from "../client-types.js";
import type { Timers } from "../environment.js";
import type { Message } from "../model.js";
import { type MatchRange, matchRanges } from "./match-ranges.js";
import { type IndexedMessage, MessageIndex } from "./message-index.js";
import {
  compareHits,
  decodeCursor,
  encodeCursor,
  type HitOrder,
  orderOfHit,
} from "./search-order.js";
import { StoreIndexer } from "./store-indexer.js";
import { termsOf, type WordSegmenter } from "./tokenize.js";

/** Options of one search. */
export interface SearchOptions {
  /** Only this conversation's messages. @default every conversation */
  conversationId?: string;
  /** Hits per page. @default 20 */
  limit?: number;
  /** The previous page's `cursor`: the page after it. @default the first page */
  cursor?: string | null;
  /**
   * With `conversationId`: when the page is not full, load older history pages of the
   * conversation (through `loadOlder`, so the cache answers before the network), index them and
   * look again, up to `pages` pages per call. @default false
   */
  fetchOlder?: boolean | { pages?: number };
}

/** One message that matched. */
export interface SearchHit {
  message: Message;
  conversationId: string;
  /** Where the query matched in `message.text`, to highlight; sorted, not overlapping. */
  ranges: MatchRange[];
}

/** One page of results, newest first. */
export interface SearchResult {
  hits: SearchHit[];
  /** Pass it as `cursor` for the next page; null when nothing more can be found. */
  cursor: string | null;
}

/** A cache that can find stored messages by their words (`createIdbCache` with `terms`). */
export interface SearchableCache {
  /**
   * Stored messages with, for each of `terms`, a word that starts with it, newest first, after
   * `after` in results (see {@link HitOrder}), up to `limit`; null when the cache cannot search
   * (closed, in memory).
   */
  searchStored(query: {
    terms: readonly string[];
    conversationId?: string;
    after?: HitOrder | null;
    limit: number;
  }): Promise<Message[] | null>;
}

export interface LocalSearchOptions {
  /** A cache to search too: messages stored but not in memory (older history, after a reload). */
  cache?: ChatCache | null;
  /** @default the global timers */
  timers: Pick<Timers, "setTimeout" | "clearTimeout">;
  /** Chinese and Japanese word splitting; null: character pairs. */
  segmenter: WordSegmenter | null;
  /** Messages indexed per background task. @default 500 */
  batchSize?: number;
}

const start: HitOrder = { t: Number.MAX_SAFE_INTEGER, key: "" };

/**
 * Search over what a client holds: the store's messages, indexed in the background, and, with
 * a searchable cache, what the cache stored. Both are searched and merged newest first; where
 * the store knows a message, its version wins (a fresh edit or deletion over a stale copy).
 */
export class LocalSearch {
  readonly index: MessageIndex;
  private readonly indexer: StoreIndexer;
  private readonly segmenter: WordSegmenter | null;

  constructor(
    private readonly client: Pick<ChatClient, "getState" | "subscribe" | "loadOlder">,
    private readonly options: LocalSearchOptions,
  ) {
    this.segmenter = options.segmenter;
    this.index = new MessageIndex(options.segmenter);
    this.indexer = new StoreIndexer(this.index, client, {
      timers: options.timers,
      ...(options.batchSize !== undefined && { batchSize: options.batchSize }),
    });
    this.indexer.start();
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    const terms = termsOf(query, this.segmenter);
    const limit = Math.max(1, options.limit ?? 20);
    const after = options.cursor ? (decodeCursor(options.cursor) ?? start) : start;
    if (terms.length === 0) return { hits: [], cursor: null };
    const { conversationId } = options;
    const pages =
      !options.fetchOlder || conversationId === undefined ? 0 : pagesOf(options.fetchOlder);
    let page = await this.page(terms, conversationId, after, limit);
    for (let loaded = 0; !page.more && page.hits.length < limit && loaded < pages; loaded++) {
      if (!this.hasOlder(conversationId as string)) break;
      await this.client.loadOlder(conversationId as string);
      page = await this.page(terms, conversationId, after, limit);
    }
    const last = page.hits.at(-1);
    const olderLeft = pages > 0 && this.hasOlder(conversationId as string);
    const cursor = page.more || olderLeft ? encodeCursor(last ?? after) : null;
    return {
      hits: page.hits.map(({ message }) => ({
        message,
        conversationId: message.conversationId,
        ranges: matchRanges(message.text, terms, this.segmenter),
      })),
      cursor,
    };
  }

  /** Store changes wait to be indexed (a query indexes them first, so it never misses them). */
  get indexing(): boolean {
    return this.indexer.pending;
  }

  dispose(): void {
    this.indexer.dispose();
  }

  private hasOlder(conversationId: string): boolean {
    return this.client.getState().threads[conversationId]?.hasMore ?? false;
  }

  /** One page from the memory index and the cache, merged. */
  private async page(
    terms: readonly string[],
    conversationId: string | undefined,
    after: HitOrder,
    limit: number,
  ): Promise<{ hits: IndexedMessage[]; more: boolean }> {
    this.indexer.flush();
    const memory = this.index.query({
      terms,
      ...(conversationId !== undefined && { conversationId }),
      after,
      limit,
    });
    const cache = this.options.cache as (ChatCache & Partial<SearchableCache>) | null | undefined;
    const fromCache: IndexedMessage[] = [];
    // Copies the store holds are skipped (its version wins): enough is asked to read past them
    // (the store usually holds the newest), and more rounds follow when that was not enough.
    let from = after;
    let asked = limit + 1 + Math.min(this.index.size, 1000);
    for (let round = 0; round < 8 && fromCache.length <= limit && cache?.searchStored; round++) {
      const stored = await cache.searchStored({
        terms,
        ...(conversationId !== undefined && { conversationId }),
        after: from,
        limit: asked,
      });
      if (!stored) break;
      // The store may have changed while the cache answered.
      this.indexer.flush();
      for (const message of stored) {
        const order = orderOfHit(message);
        if (!this.index.knows(order.key) && compareHits(order, after) > 0)
          fromCache.push({ message, ...order });
      }
      const last = stored.at(-1);
      if (stored.length < asked || !last) break;
      from = orderOfHit(last);
      asked *= 2;
    }
    if (fromCache.length === 0) return memory;
    const hits = [...memory.hits, ...fromCache].sort(compareHits);
    return { hits: hits.slice(0, limit), more: memory.more || hits.length > limit };
  }
}

function pagesOf(fetchOlder: true | { pages?: number }): number {
  return fetchOlder === true ? 5 : Math.max(0, fetchOlder.pages ?? 5);
}
