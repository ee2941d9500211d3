import { useConversation } from "@parley/react";
import { useWidgets } from "../context.js";
import { CloseIcon } from "../icons.js";
import type { ComposerModeBannerProps } from "../props.js";
import { usePersonName } from "../use-people.js";

/** Above the input: "Replying to Ana: …" or "Editing message", with a cancel button. */
export function ComposerModeBanner({ mode, onCancel }: ComposerModeBannerProps) {
  const { strings } = useWidgets();
  const conversation = useConversation(mode.message.conversationId);
  const reply = mode.kind === "reply";
  const author = usePersonName(conversation, mode.message.senderId);
  return (
    <div className="parley-composer__mode" data-state={reply ? "replying" : "editing"}>
      <div className="parley-composer__mode-text">
        <span className="parley-composer__mode-title">
          {reply ? strings.replyingTo(author) : strings.editingMessage}
        </span>
        {reply && (
          <span className="parley-composer__mode-quote" dir="auto">
            {mode.message.text}
          </span>
        )}
      </div>
      <button
        type="button"
        className="parley-icon-button"
        aria-label={reply ? strings.cancelReply : strings.cancelEdit}
        onClick={onCancel}
      >
        <CloseIcon />
      </button>
    </div>
  );
}
