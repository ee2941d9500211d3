import type { Conversation } from "@parley/core";
import { useConversations, useMe } from "@parley/react";
import type { DemoConversation } from "../demo/config.js";
import { type NameOf, useNameOf } from "./names.js";

interface ConversationListProps {
  /** The conversations the demo config says this user can open. */
  known: readonly DemoConversation[];
  selected: string | null;
  onSelect(id: string): void;
}

function titleOf(conversation: Conversation, me: string | null, nameOf: NameOf): string {
  if (conversation.title) return conversation.title;
  const others = conversation.participants.filter((p) => p.id !== me);
  return others.map((p) => p.name ?? nameOf(p.id)).join(", ") || nameOf(conversation.id);
}

/** Known conversations first, then any other the server lists, with unread counts. */
export function ConversationList({ known, selected, onSelect }: ConversationListProps) {
  const conversations = useConversations();
  const me = useMe();
  const nameOf = useNameOf();
  const byId = new Map(conversations.map((c) => [c.id, c]));
  const extra = conversations.filter((c) => !known.some((k) => k.id === c.id));
  const rows = [
    ...known.map((k) => ({ id: k.id, title: k.title })),
    ...extra.map((c) => ({ id: c.id, title: titleOf(c, me, nameOf) })),
  ];
  return (
    <nav className="conversations" aria-label="Conversations">
      <ul>
        {rows.map(({ id, title }) => {
          const conversation = byId.get(id);
          const unread = conversation?.unreadCount ?? 0;
          return (
            <li key={id}>
              <button
                type="button"
                aria-current={id === selected ? "true" : undefined}
                onClick={() => onSelect(id)}
              >
                <span className="title">{title}</span>
                {unread > 0 && <span className="unread">{unread}</span>}
                <small>{conversation?.lastMessage?.text ?? ""}</small>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
