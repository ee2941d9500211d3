import { useCapabilities, useConversation, useUser } from "@parley/react";
import { Avatar } from "./avatar.js";
import { useComponent, useWidgets } from "./context.js";
import { BackIcon } from "./icons.js";
import { PresenceBadge } from "./presence-badge.js";
import type { ThreadHeaderProps } from "./props.js";
import { useConversationFace } from "./use-people.js";

/**
 * Above a thread: a back button in the single-pane layout, the conversation's avatar and title,
 * and the other person's presence in a one-to-one conversation.
 */
export function ThreadHeader({ conversationId, headingId, onBack }: ThreadHeaderProps) {
  const conversation = useConversation(conversationId);
  const { strings } = useWidgets();
  const AvatarPart = useComponent("Avatar", Avatar);
  const Presence = useComponent("PresenceBadge", PresenceBadge);
  const face = useConversationFace(conversation);
  // Where a chat is keyed by the other person's id (createConversation), one the client knows
  // nothing about yet (opened by a link, or first seen in a message) is titled with their name
  // meanwhile, never "Conversation".
  const { createConversation } = useCapabilities();
  const unnamed = !conversation?.title && !conversation?.participants.length;
  const person = useUser(unnamed && createConversation ? conversationId : null);
  const title = person?.name ?? face.title;
  const { other } = face;
  return (
    <header className="parley-thread__header">
      {onBack && (
        <button
          type="button"
          className="parley-icon-button parley-thread__back"
          title={strings.backToConversations}
          onClick={onBack}
        >
          <BackIcon />
          <span className="parley-visually-hidden">{strings.backToConversations}</span>
        </button>
      )}
      <AvatarPart name={title} src={other?.avatar} />
      <h2 className="parley-thread__title" id={headingId} dir="auto">
        {title}
      </h2>
      {other && <Presence userId={other.id} showLabel />}
    </header>
  );
}
