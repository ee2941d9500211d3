import type { ParleyError } from "@parley/core";
import type { SearchableClient, SearchHit, SearchOptions } from "@parley/core/search";
import { useCallback, useEffect, useRef, useState } from "react";
import { useChatClient } from "./chat-provider.js";
import { asParleyError } from "./errors.js";

/**
 * Where a search is: no query, waiting for typing to pause or for the answer, answered (more
 * pages may follow), or failed.
 */
export type SearchStatus = "idle" | "searching" | "done" | "failed";

/** Options of {@link useSearch}. */
export interface UseSearchOptions extends Omit<SearchOptions, "cursor"> {
  /** How long typing must pause before the query is searched. @default 250 */
  debounceMs?: number;
  /** Timer seams for the debounce. @default the global timers */
  timers?: { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void };
}

/** What {@link useSearch} answers. */
export interface SearchState {
  status: SearchStatus;
  /** The hits so far, newest first: the first page, then every page `loadMore` added. */
  results: readonly SearchHit[];
  /** More hits can be loaded. */
  hasMore: boolean;
  /** Loads the next page (while none is loading). */
  loadMore(): void;
  error: ParleyError | null;
}

interface Answer {
  /** What was asked: answers to an older query are never shown for a newer one. */
  asked: string;
  status: SearchStatus;
  results: readonly SearchHit[];
  cursor: string | null;
  error: ParleyError | null;
}

const globalTimers = {
  setTimeout: (fn: () => void, ms: number): unknown => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle: unknown) => globalThis.clearTimeout(handle as number),
};

const none: readonly SearchHit[] = Object.freeze([]);

/**
 * Searches the messages the client holds (a client from `withSearch`, `@parley/core/search`):
 * the query once typing pauses, then further pages with `loadMore`. Nothing runs during server
 * rendering: a query renders as `searching` with no results until the browser takes over.
 * @throws Error when the provider's client was not made with `withSearch`.
 */
export function useSearch(query: string, options: UseSearchOptions = {}): SearchState {
  const client = useChatClient() as Partial<SearchableClient>;
  const search = client.search;
  if (typeof search !== "function") {
    throw new Error(
      "useSearch: the provider's client cannot search. Wrap it with withSearch(client) from @parley/core/search.",
    );
  }
  const { conversationId, limit, fetchOlder, debounceMs = 250 } = options;
  const timers = options.timers ?? globalTimers;
  const older = fetchOlder === undefined ? "" : JSON.stringify(fetchOlder);
  const asked = JSON.stringify([query.trim(), conversationId ?? null, limit ?? null, older]);
  const [answer, setAnswer] = useState<Answer | null>(null);
  // `loading`: the query whose next page is on its way, if any.
  const latest = useRef<{ asked: string; answer: Answer | null; loading: string | null }>({
    asked,
    answer,
    loading: null,
  });
  latest.current.asked = asked;
  latest.current.answer = answer;

  const run = useCallback(
    (cursor: string | null) => {
      const ask = latest.current.asked;
      const [text] = JSON.parse(ask) as [string];
      latest.current.loading = ask;
      search(text, {
        ...(conversationId !== undefined && { conversationId }),
        ...(limit !== undefined && { limit }),
        ...(fetchOlder !== undefined && { fetchOlder }),
        cursor,
      }).then(
        (result) => {
          if (latest.current.loading === ask) latest.current.loading = null;
          if (latest.current.asked !== ask) return;
          const before = cursor ? (latest.current.answer?.results ?? none) : none;
          setAnswer({
            asked: ask,
            status: "done",
            results: [...before, ...result.hits],
            cursor: result.cursor,
            error: null,
          });
        },
        (error: unknown) => {
          if (latest.current.loading === ask) latest.current.loading = null;
          if (latest.current.asked !== ask) return;
          const keep = latest.current.answer;
          setAnswer({
            asked: ask,
            status: "failed",
            results: cursor && keep ? keep.results : none,
            cursor: null,
            error: asParleyError(error),
          });
        },
      );
    },
    [search, conversationId, limit, fetchOlder],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: `asked` stands for the query and options; `run` and `timers` are read at fire time
  useEffect(() => {
    if (query.trim() === "") return;
    const timer = timers.setTimeout(() => run(null), debounceMs);
    return () => timers.clearTimeout(timer);
  }, [asked, debounceMs]);

  const loadMore = useCallback(() => {
    const current = latest.current.answer;
    const { asked: now, loading } = latest.current;
    if (loading === now || !current?.cursor || current.asked !== now) return;
    setAnswer({ ...current, status: "searching" });
    run(current.cursor);
  }, [run]);

  if (query.trim() === "")
    return { status: "idle", results: none, hasMore: false, loadMore, error: null };
  if (!answer || answer.asked !== asked) {
    return { status: "searching", results: none, hasMore: false, loadMore, error: null };
  }
  return {
    status: answer.status,
    results: answer.results,
    hasMore: answer.cursor !== null,
    loadMore,
    error: answer.error,
  };
}
