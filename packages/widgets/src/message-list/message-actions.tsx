import { useCapabilities, useMessageActions } from "@parley/react";
import type { ReactNode } from "react";
import { useWidgets } from "../context.js";
import { DeleteIcon, EditIcon, ReplyIcon } from "../icons.js";
import type { MessageActionsProps } from "../props.js";

/**
 * Reply, edit and delete of a sent message, as icon buttons; only what the backend supports.
 * Each button's name is its word, kept as visually hidden text (not `aria-label`) so page
 * translators and `innerText` see it too; `title` shows it on hover.
 */
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
        <Action label={strings.reply} action="reply" onClick={() => onReply(message)}>
          <ReplyIcon />
        </Action>
      )}
      {canEdit && (
        <Action label={strings.edit} action="edit" onClick={() => onEdit(message)}>
          <EditIcon />
        </Action>
      )}
      {canDelete && (
        <Action
          label={strings.delete}
          action="delete"
          onClick={() => void actions.remove(message).catch(() => {})}
        >
          <DeleteIcon />
        </Action>
      )}
    </div>
  );
}

function Action(props: {
  label: string;
  action: string;
  onClick: () => void;
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      className="parley-icon-button"
      data-action={props.action}
      title={props.label}
      onClick={props.onClick}
    >
      {props.children}
      <span className="parley-visually-hidden">{props.label}</span>
    </button>
  );
}
