import { useMe, useMessages, useOpenConversation } from "@parley/react";
import { Composer } from "./Composer.js";
import { MessageList } from "./MessageList.js";
import { TypingIndicator } from "./TypingIndicator.js";
import { useMarkRead } from "./use-mark-read.js";

/** One open conversation: history, live messages, who is typing, and the composer. */
export function Thread({ id, title }: { id: string; title: string }) {
  const { status, error } = useOpenConversation(id);
  const { messages, hasMore, loadOlder, loadingOlder } = useMessages(id);
  const me = useMe();
  useMarkRead(id, messages, me);
  return (
    <section className="thread" aria-label={title} data-open={status}>
      <h2>{title}</h2>
      {status === "failed" && <p role="alert">Could not open: {error?.message}</p>}
      {hasMore && (
        <button type="button" disabled={loadingOlder} onClick={() => void loadOlder()}>
          Older messages
        </button>
      )}
      <MessageList messages={messages} me={me} />
      <TypingIndicator id={id} />
      <Composer id={id} />
    </section>
  );
}
