import type { Message } from "@parley/core";
import { useMessageActions } from "@parley/react";
import { useNameOf } from "./names.js";
import { StatusTick } from "./StatusTick.js";

const time = (iso: string) =>
  new Date(iso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });

/** One message. Its text is rendered as text, never as HTML. */
export function MessageItem({ message, mine }: { message: Message; mine: boolean }) {
  const nameOf = useNameOf();
  const { retry, discard } = useMessageActions();
  return (
    <li
      className={mine ? "message mine" : "message theirs"}
      data-testid="message"
      data-status={message.status}
    >
      {!mine && <span className="sender">{nameOf(message.senderId)}</span>}
      <p className="text">{message.deleted ? <em>deleted</em> : message.text}</p>
      <span className="meta">
        <time dateTime={message.createdAt}>{time(message.createdAt)}</time>
        {mine && <StatusTick status={message.status} />}
      </span>
      {message.status === "failed" && (
        <span className="failed">
          {message.error?.message ?? "Not sent"}{" "}
          <button type="button" onClick={() => retry(message.clientId)}>
            Retry
          </button>
          <button type="button" onClick={() => discard(message.clientId)}>
            Discard
          </button>
        </span>
      )}
    </li>
  );
}
