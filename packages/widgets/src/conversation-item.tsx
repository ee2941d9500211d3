import { useMe } from "@parley/react";
import { Avatar } from "./avatar.js";
import { useComponent, useWidgets } from "./context.js";
import { PresenceBadge } from "./presence-badge.js";
import type { ConversationItemProps } from "./props.js";
import { UnreadBadge } from "./unread-badge.js";
import { useConversationFace, usePersonName } from "./use-people.js";

/** One row of the conversation list: avatar, presence, title, last message, time, unread. */
export function ConversationItem({
  conversation,
  selected,
  onSelect,
  buttonRef,
  tabIndex,
}: ConversationItemProps) {
  const me = useMe();
  const { strings, format } = useWidgets();
  const AvatarPart = useComponent("Avatar", Avatar);
  const Presence = useComponent("PresenceBadge", PresenceBadge);
  const Unread = useComponent("UnreadBadge", UnreadBadge);
  // Presence only stands for a one-to-one conversation, never for a group.
  const { title, other } = useConversationFace(conversation);
  const last = conversation.lastMessage;
  // In a group, someone else's last message says who wrote it ("" is a sender the list omits).
  const sender = usePersonName(conversation, last?.senderId ?? "");
  const mine = last !== undefined && me !== null && last.senderId === me;
  const author = mine
    ? strings.you
    : conversation.kind === "group" && last && last.senderId !== ""
      ? sender
      : null;
  const preview = !last
    ? strings.noMessagesYet
    : last.deleted
      ? strings.deleted
      : last.text || strings.attachmentPreview;
  return (
    <li className="parley-conversation" data-state={selected ? "selected" : "idle"}>
      <button
        ref={buttonRef}
        type="button"
        className="parley-conversation__button"
        aria-current={selected ? "true" : undefined}
        tabIndex={tabIndex}
        onClick={() => onSelect(conversation.id)}
      >
        <span className="parley-conversation__avatar">
          <AvatarPart name={title} src={other?.avatar} />
          {other && <Presence userId={other.id} />}
        </span>
        <span className="parley-conversation__text">
          <span className="parley-conversation__title" dir="auto">
            {title}
          </span>
          <span className="parley-conversation__preview" dir="auto">
            {/* The user's own last message always reads "You: …", whatever it holds. */}
            {author !== null ? `${author}: ` : ""}
            {preview}
          </span>
        </span>
        <span className="parley-conversation__side">
          {last && (
            <time className="parley-conversation__time" dateTime={last.createdAt}>
              {format.short(last.createdAt)}
            </time>
          )}
          <Unread conversationId={conversation.id} />
        </span>
      </button>
    </li>
  );
}
