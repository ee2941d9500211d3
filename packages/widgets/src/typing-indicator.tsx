import { useCapabilities, useConversation, useTypingUsers } from "@parley/react";
import { useWidgets } from "./context.js";
import type { TypingIndicatorProps } from "./props.js";
import { usePeople } from "./use-people.js";

/**
 * Who else is typing in a conversation ("Ana and Ben are typing…"), announced politely. The live
 * region stays mounted so additions are announced; `data-state` is `active` or `idle`. Renders
 * nothing where the backend has no typing.
 */
export function TypingIndicator({ conversationId, className }: TypingIndicatorProps) {
  const capabilities = useCapabilities();
  const users = useTypingUsers(conversationId);
  const conversation = useConversation(conversationId);
  const { strings, format } = useWidgets();
  const people = usePeople(conversation, users);
  if (!capabilities.typing) return null;
  const names = users.map(people.name);
  const text = strings.typing(users.length, format.list(names));
  return (
    <div
      className={className ? `parley-typing ${className}` : "parley-typing"}
      data-state={users.length > 0 ? "active" : "idle"}
      role="status"
    >
      {users.length > 0 && (
        <>
          <span className="parley-typing__dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          <span className="parley-typing__text">{text}</span>
        </>
      )}
    </div>
  );
}
