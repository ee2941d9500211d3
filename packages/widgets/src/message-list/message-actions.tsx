import { useCapabilities, useMessageActions } from "@parley/react";
import { useWidgets } from "../context.js";
import type { MessageActionsProps } from "../props.js";

/** Reply, edit and delete buttons of a sent message; only what the backend supports. */
export function MessageActions({ message, own, onReply, onEdit }: MessageActionsProps) {
  const capabilities = useCapabilities();
  const actions = useMessageActions();
  const { strings } = useWidgets();
  if (message.deleted || message.id === undefined) return null;
  const canReply = capabilities.replies && onReply !== undefined;
  const canEdit = own && capabilities.edit && onEdit !== undefined;
  const canDelete = own && capabilities.delete;
  if (!canReply && !canEdit && !canDelete) return null;
  return (
    <div className="parley-actions">
      {canReply && (
        <button type="button" className="parley-icon-button" onClick={() => onReply(message)}>
          {strings.reply}
        </button>
      )}
      {canEdit && (
        <button type="button" className="parley-icon-button" onClick={() => onEdit(message)}>
          {strings.edit}
        </button>
      )}
      {canDelete && (
        <button
          type="button"
          className="parley-icon-button"
          onClick={() => void actions.remove(message).catch(() => {})}
        >
          {strings.delete}
        </button>
      )}
    </div>
  );
}
