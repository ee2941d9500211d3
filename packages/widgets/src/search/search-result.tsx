import type { SearchHit } from "@parley/core/search";
import { useConversation } from "@parley/react";
import { useWidgets } from "../context.js";
import { useConversationFace, usePersonName } from "../use-people.js";
import { HighlightedText } from "./highlighted-text.js";
import { snippet } from "./snippet.js";

/** Props of {@link SearchResult}. */
export interface SearchResultProps {
  hit: SearchHit;
  /** Show which conversation the hit is in (a search over every conversation). */
  showConversation: boolean;
  onSelect(hit: SearchHit): void;
}

/** One hit: who wrote it, where and when, and the text around the match with it marked. */
export function SearchResult({ hit, showConversation, onSelect }: SearchResultProps) {
  const { format } = useWidgets();
  const conversation = useConversation(hit.conversationId);
  const face = useConversationFace(conversation);
  const sender = usePersonName(conversation, hit.message.senderId);
  const shown = snippet(hit.message.text, hit.ranges);
  return (
    <li className="parley-search__result">
      <button type="button" className="parley-search__open" onClick={() => onSelect(hit)}>
        <span className="parley-search__meta">
          <span className="parley-search__sender">{sender}</span>
          {showConversation && <span className="parley-search__where">{face.title}</span>}
          <time className="parley-search__time" dateTime={hit.message.createdAt}>
            {format.short(hit.message.createdAt)}
          </time>
        </span>
        <span className="parley-search__text">
          {shown.before && "…"}
          <HighlightedText text={shown.text} ranges={shown.ranges} />
          {shown.after && "…"}
        </span>
      </button>
    </li>
  );
}
