import { useCapabilities, useConversations } from "@parley/react";
import { type KeyboardEvent, useRef } from "react";
import { useComponent, useWidgets } from "./context.js";
import { ConversationItem } from "./conversation-item.js";
import { NewConversation } from "./new-conversation.js";
import type { ConversationListProps } from "./props.js";
import { useControllable } from "./use-controllable.js";
import { useLoadConversations } from "./use-load-conversations.js";

/**
 * Every conversation, most recent first, as a navigation list: arrow keys, Home and End move
 * between conversations, Enter or Space opens one. Loads the list once connected where the
 * backend has one. Above it, where the backend can start one, a "new conversation" button
 * (`NewConversation`). `data-state`: `loading`, `empty` or `ready`.
 */
export function ConversationList({
  selectedId,
  defaultSelectedId = null,
  onSelect,
  autoLoad = true,
  newConversation = true,
  className,
}: ConversationListProps) {
  const conversations = useConversations();
  const capabilities = useCapabilities();
  const loaded = useLoadConversations(autoLoad);
  const { strings } = useWidgets();
  const Item = useComponent("ConversationItem", ConversationItem);
  const Starter = useComponent("NewConversation", NewConversation);
  const [selected, setSelected] = useControllable<string | null>(
    selectedId,
    defaultSelectedId,
    onSelect as ((id: string | null) => void) | undefined,
  );
  const buttons = useRef(new Map<string, HTMLButtonElement>());

  const state =
    conversations.length > 0
      ? "ready"
      : capabilities.conversationList && !loaded
        ? "loading"
        : "empty";

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const ids = conversations.map((c) => c.id);
    const current = ids.findIndex((id) => buttons.current.get(id) === document.activeElement);
    let next = -1;
    if (event.key === "ArrowDown") next = Math.min(ids.length - 1, current + 1);
    else if (event.key === "ArrowUp") next = Math.max(0, current - 1);
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = ids.length - 1;
    else return;
    event.preventDefault();
    const id = ids[next];
    if (id !== undefined) buttons.current.get(id)?.focus();
  }

  // One tab stop: the selected conversation, or the first.
  const focusId = conversations.some((c) => c.id === selected)
    ? selected
    : (conversations[0]?.id ?? null);

  return (
    <nav
      className={className ? `parley-conversations ${className}` : "parley-conversations"}
      aria-label={strings.conversations}
      data-state={state}
    >
      {newConversation && capabilities.createConversation && (
        <div className="parley-conversations__header">
          <Starter onStart={(id) => setSelected(id)} />
        </div>
      )}
      {state === "ready" ? (
        <ul className="parley-conversations__list" onKeyDown={onKeyDown}>
          {conversations.map((conversation) => (
            <Item
              key={conversation.id}
              conversation={conversation}
              selected={conversation.id === selected}
              tabIndex={conversation.id === focusId ? 0 : -1}
              buttonRef={(element: HTMLButtonElement | null) => {
                if (element) buttons.current.set(conversation.id, element);
                else buttons.current.delete(conversation.id);
              }}
              onSelect={(id) => setSelected(id)}
            />
          ))}
        </ul>
      ) : (
        <p className="parley-conversations__placeholder" role="status">
          {state === "loading" ? strings.conversationsLoading : strings.conversationsEmpty}
        </p>
      )}
    </nav>
  );
}
