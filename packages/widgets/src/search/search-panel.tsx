import type { SearchHit } from "@parley/core/search";
import { useSearch } from "@parley/react";
import { useId, useState } from "react";
import { useWidgets } from "../context.js";
import { SearchResult } from "./search-result.js";

/** Props of {@link SearchPanel}. */
export interface SearchPanelProps {
  /** A hit was chosen: open its conversation and jump to it (`MessageList`'s `jumpTo`). */
  onSelect(hit: SearchHit): void;
  /** Search this conversation only. @default every conversation */
  conversationId?: string;
  /** Hits per page. @default 20 */
  limit?: number;
  /** Load older history of `conversationId` when a page is not full. @default false */
  fetchOlder?: boolean;
  /** How long typing must pause before searching. @default 250 */
  debounceMs?: number;
  /** The query at first. @default "" */
  defaultQuery?: string;
  autoFocus?: boolean;
  className?: string;
}

/**
 * A search landmark over the messages the client holds (a client from `withSearch`): a labelled
 * search field, a status line read out as hits arrive, and the hits newest first, matches
 * marked, each a button that hands the hit to `onSelect`. `data-state` is `idle`, `searching`,
 * `done` or `failed`.
 */
export function SearchPanel({
  onSelect,
  conversationId,
  limit,
  fetchOlder,
  debounceMs,
  defaultQuery = "",
  autoFocus,
  className,
}: SearchPanelProps) {
  const { strings, format } = useWidgets();
  const [query, setQuery] = useState(defaultQuery);
  const search = useSearch(query, {
    ...(conversationId !== undefined && { conversationId }),
    ...(limit !== undefined && { limit }),
    ...(fetchOlder !== undefined && { fetchOlder }),
    ...(debounceMs !== undefined && { debounceMs }),
  });
  const inputId = useId();
  const listId = useId();
  const { status, results } = search;
  const said =
    status === "searching"
      ? strings.searching
      : status === "failed"
        ? strings.searchFailed
        : status === "done"
          ? results.length === 0
            ? strings.searchEmpty
            : strings.searchResults(results.length, format.number(results.length))
          : "";
  return (
    // biome-ignore lint/a11y/useSemanticElements: <search> is unknown to browsers before 2023 (and to jsdom); the role makes the same landmark everywhere
    <div
      role="search"
      aria-label={strings.searchLabel}
      className={className ? `parley-search ${className}` : "parley-search"}
      data-state={status}
    >
      <label htmlFor={inputId} className="parley-visually-hidden">
        {strings.searchLabel}
      </label>
      <input
        id={inputId}
        className="parley-search__input"
        type="search"
        value={query}
        placeholder={strings.searchPlaceholder}
        autoComplete="off"
        aria-controls={listId}
        onChange={(event) => setQuery(event.target.value)}
        // biome-ignore lint/a11y/noAutofocus: only when the app asks, as when it opens the panel
        autoFocus={autoFocus}
      />
      <p className="parley-search__status" role="status">
        {said}
      </p>
      <ul id={listId} className="parley-search__results" aria-label={strings.searchLabel}>
        {results.map((hit) => (
          <SearchResult
            key={`${hit.conversationId}\u0000${hit.message.id ?? hit.message.clientId}`}
            hit={hit}
            showConversation={conversationId === undefined}
            onSelect={onSelect}
          />
        ))}
      </ul>
      {search.hasMore && (
        <button
          type="button"
          className="parley-button parley-search__more"
          disabled={status === "searching"}
          onClick={search.loadMore}
        >
          {strings.searchMore}
        </button>
      )}
    </div>
  );
}
