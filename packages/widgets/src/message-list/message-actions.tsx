import { useCapabilities, useMessageActions } from "@parley/react";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useWidgets } from "../context.js";
import { DeleteIcon, EditIcon, MoreIcon, ReplyIcon } from "../icons.js";
import type { MessageActionsProps } from "../props.js";

/**
 * Reply, edit and delete of a sent message, as icon buttons; only what the backend supports.
 * Each button's name is its word, kept as visually hidden text (not `aria-label`) so page
 * translators and `innerText` see it too; `title` shows it on hover. With a fine pointer they
 * show on hover or keyboard focus; on a touch screen (no hover, coarse pointer) a "More actions"
 * button is always there and opens them (`data-state="open"`): a tap elsewhere, Escape or an
 * action closes them again.
 */
export function MessageActions({ message, own, onReply, onEdit }: MessageActionsProps) {
  const capabilities = useCapabilities();
  const actions = useMessageActions();
  const { strings } = useWidgets();
  const [open, setOpen] = useState(false);
  const more = useRef<HTMLButtonElement>(null);
  const group = useRef<HTMLDivElement>(null);
  const id = useId();

  // Open until a tap or click lands outside the button and the actions.
  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      const target = event.target as Node | null;
      if (!more.current?.contains(target) && !group.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  if (message.deleted || message.id === undefined) return null;
  const canReply = capabilities.replies && onReply !== undefined;
  const canEdit = own && capabilities.edit && onEdit !== undefined;
  const canDelete = own && capabilities.delete;
  if (!canReply && !canEdit && !canDelete) return null;
  const then = (run: () => void) => () => {
    setOpen(false);
    run();
  };
  return (
    <>
      <button
        ref={more}
        type="button"
        className="parley-icon-button parley-actions__more"
        aria-expanded={open}
        aria-controls={id}
        title={strings.moreActions}
        onClick={() => setOpen((was) => !was)}
      >
        <MoreIcon />
        <span className="parley-visually-hidden">{strings.moreActions}</span>
      </button>
      {/* Escape closes the actions a tap opened and gives focus back to the button. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a group of buttons; its keys are theirs */}
      <div
        ref={group}
        id={id}
        className="parley-actions"
        data-state={open ? "open" : "closed"}
        onKeyDown={(event) => {
          if (event.key !== "Escape" || !open) return;
          event.stopPropagation();
          setOpen(false);
          more.current?.focus();
        }}
      >
        {canReply && (
          <Action label={strings.reply} action="reply" onClick={then(() => onReply(message))}>
            <ReplyIcon />
          </Action>
        )}
        {canEdit && (
          <Action label={strings.edit} action="edit" onClick={then(() => onEdit(message))}>
            <EditIcon />
          </Action>
        )}
        {canDelete && (
          <Action
            label={strings.delete}
            action="delete"
            onClick={then(() => void actions.remove(message).catch(() => {}))}
          >
            <DeleteIcon />
          </Action>
        )}
      </div>
    </>
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
