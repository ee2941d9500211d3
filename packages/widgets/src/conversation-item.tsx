import { useMe } from "@parley/react";
import { Avatar } from "./avatar.js";
import { useComponent, useWidgets } from "./context.js";
import { otherPersonOf, titleOf } from "./participants.js";
import { PresenceBadge } from "./presence-badge.js";
import type { ConversationItemProps } from "./props.js";
import { UnreadBadge } from "./unread-badge.js";

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
  const title = titleOf(conversation, me, strings.untitledConversation);
  // Presence only stands for a one-to-one conversation, never for a group.
  const other = otherPersonOf(conversation, me);
  const last = conversation.lastMessage;
  const preview = !last
    ? strings.noMessagesYet
    : last.deleted
      ? strings.deleted
      : last.text || strings.attachmentPreview;
  // The user's own last message always reads "You: …", whatever it is (text, file, deleted).
  const mine = last !== undefined && me !== null && last.senderId === me;
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
            {mine ? `${strings.you}: ` : ""}
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
