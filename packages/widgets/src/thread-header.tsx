import { useConversation, useMe } from "@parley/react";
import { Avatar } from "./avatar.js";
import { useComponent, useWidgets } from "./context.js";
import { otherPersonOf, titleOf } from "./participants.js";
import { PresenceBadge } from "./presence-badge.js";
import type { ThreadHeaderProps } from "./props.js";

/** Above a thread: the conversation's avatar, title, and the other person's presence. */
export function ThreadHeader({ conversationId, headingId }: ThreadHeaderProps) {
  const conversation = useConversation(conversationId);
  const me = useMe();
  const { strings } = useWidgets();
  const AvatarPart = useComponent("Avatar", Avatar);
  const Presence = useComponent("PresenceBadge", PresenceBadge);
  const title = titleOf(conversation, me, strings.untitledConversation);
  const other = otherPersonOf(conversation, me);
  return (
    <header className="parley-thread__header">
      <AvatarPart name={title} src={other?.avatar} />
      <h2 className="parley-thread__title" id={headingId} dir="auto">
        {title}
      </h2>
      {other && <Presence userId={other.id} showLabel />}
    </header>
  );
}
