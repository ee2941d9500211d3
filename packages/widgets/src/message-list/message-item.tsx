import { Avatar } from "../avatar.js";
import { useComponent, useWidgets } from "../context.js";
import type { MessageItemProps } from "../props.js";
import { AttachmentView } from "./attachment-view.js";
import { FailedActions } from "./failed-actions.js";
import { MessageActions } from "./message-actions.js";
import { MessageStatus } from "./message-status.js";
import { MessageText } from "./message-text.js";
import { ReplyQuote } from "./reply-quote.js";

/**
 * One message: sender, reply quote, text (or the deleted marker), attachments, time, edited
 * marker, ticks, and the actions that apply. `data-state` is the message status.
 */
export function MessageItem(props: MessageItemProps) {
  const { message, own, groupStart, groupEnd, senderName, showSender } = props;
  const { strings, format } = useWidgets();
  const AvatarPart = useComponent("Avatar", Avatar);
  const Text = useComponent("MessageText", MessageText);
  const Attachment = useComponent("AttachmentView", AttachmentView);
  const Quote = useComponent("ReplyQuote", ReplyQuote);
  const Status = useComponent("MessageStatus", MessageStatus);
  const Failed = useComponent("FailedActions", FailedActions);
  const Actions = useComponent("MessageActions", MessageActions);
  const headed = showSender && !own && groupStart;
  return (
    <article
      className="parley-message"
      // biome-ignore lint/a11y/noRedundantRoles: the attribute is a stable selector for apps and end-to-end tests
      role="article"
      data-state={message.status}
      data-own={own || undefined}
      data-group-start={groupStart || undefined}
      data-group-end={groupEnd || undefined}
      data-deleted={message.deleted || undefined}
    >
      {showSender && !own && (
        <span className="parley-message__avatar">
          {groupEnd && <AvatarPart name={senderName} src={props.senderAvatar} size="sm" />}
        </span>
      )}
      <div className="parley-message__body">
        {headed ? (
          <span className="parley-message__sender">{senderName}</span>
        ) : (
          <span className="parley-visually-hidden">{own ? strings.you : senderName}: </span>
        )}
        <div className="parley-message__bubble">
          {message.replyTo !== undefined && !message.deleted && (
            <Quote target={props.replyTarget} senderName={props.replyTargetName} />
          )}
          {message.deleted ? (
            <p className="parley-message__deleted">{strings.deleted}</p>
          ) : (
            message.text !== "" && <Text text={message.text} />
          )}
          {!message.deleted && message.attachments && message.attachments.length > 0 && (
            <div className="parley-message__attachments">
              {message.attachments.map((attachment, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: a message's attachments never reorder
                <Attachment key={i} attachment={attachment} />
              ))}
            </div>
          )}
          <span className="parley-message__meta">
            {message.editedAt && !message.deleted && (
              <span className="parley-message__edited">{strings.edited}</span>
            )}
            <time
              className="parley-message__time"
              dateTime={message.createdAt}
              title={format.dateTime(message.createdAt)}
            >
              {format.time(message.createdAt)}
            </time>
            {own && <Status status={message.status} />}
          </span>
        </div>
        {(message.status === "failed" || message.status === "unconfirmed") && (
          <Failed message={message} />
        )}
        <Actions
          message={message}
          own={own}
          {...(props.onReply ? { onReply: props.onReply } : {})}
          {...(props.onEdit ? { onEdit: props.onEdit } : {})}
        />
      </div>
    </article>
  );
}
