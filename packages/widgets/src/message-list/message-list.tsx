import type { Message } from "@parley/core";
import {
  useCapabilities,
  useChatClient,
  useConversation,
  useHistoryStatus,
  useMe,
  useMessageActions,
  useMessages,
  useOpenConversation,
  useUnreadCount,
} from "@parley/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useComponent, useWidgets } from "../context.js";
import type { MessageListProps } from "../props.js";
import { type People, usePeople } from "../use-people.js";
import { DaySeparator } from "./day-separator.js";
import { buildRows, indexById } from "./grouping.js";
import { HistoryNotice } from "./history-notice.js";
import { JumpToLatest } from "./jump-to-latest.js";
import { MessageItem } from "./message-item.js";
import { useChatScroll } from "./use-chat-scroll.js";
import { useJumpToMessage } from "./use-jump-to-message.js";

/**
 * The messages of a conversation as a virtualized live log: only the rows near the view are in
 * the DOM, whatever the thread's length. Opens the conversation while mounted. `data-state` is
 * `loading`, `empty`, `unavailable` (no message, and the history cannot be read now), `failed` or
 * `ready`. While the history cannot be read, a notice above the messages offers to try again.
 */
export function MessageList(props: MessageListProps) {
  // A new conversation starts with a fresh scroll position and counters.
  return <ConversationLog key={props.conversationId} {...props} />;
}

function ConversationLog({
  conversationId,
  onReply,
  onEdit,
  overscan = 6,
  estimateSize = 72,
  markReadAtBottom = true,
  jumpTo,
  className,
}: MessageListProps) {
  const open = useOpenConversation(conversationId);
  const { messages, hasMore, loadOlder, loadingOlder, error } = useMessages(conversationId);
  const conversation = useConversation(conversationId);
  const capabilities = useCapabilities();
  // The history could not be read just now (the client tries again); live messages still come.
  const unavailable = useHistoryStatus(conversationId) !== null && capabilities.history;
  const me = useMe();
  const unread = useUnreadCount(conversationId);
  const actions = useMessageActions();
  const { strings } = useWidgets();
  const Item = useComponent("MessageItem", MessageItem);
  const Day = useComponent("DaySeparator", DaySeparator);
  const Jump = useComponent("JumpToLatest", JumpToLatest);

  const rows = useMemo(() => buildRows(messages), [messages]);
  const byId = useMemo(
    () => (capabilities.replies ? indexById(messages) : new Map<string, Message>()),
    [messages, capabilities.replies],
  );
  // Everyone who wrote in the loaded thread, with one subscription to the directory.
  const senders = useMemo(() => [...new Set(messages.map((m) => m.senderId))], [messages]);
  const people = usePeople(conversation, senders);
  const { scrollRef, virtualizer, atBottom, newCount, jumpToLatest, reveal } = useChatScroll({
    rows,
    messages,
    me,
    // Scrolling to the top does not hammer a failing history: "Try again" asks for it.
    hasMore: hasMore && !unavailable,
    loadingOlder,
    loadOlder,
    overscan,
    estimateSize,
  });

  // Marked read once seen: anything from others not yet read (a thread loaded from history on a
  // backend without a list has no unread count), and the newest message from others even when
  // it already says read: a backend may mark a history page read as it answers it and tell the
  // sender nothing (friends-ws's deployed backend), so only our read tells them.
  const { newestIncoming, newestUnseen } = useMemo(() => {
    let incoming: string | null = null;
    let unseen: string | null = null;
    for (let i = messages.length - 1; i >= 0 && me !== null && unseen === null; i--) {
      const m = messages[i] as Message;
      if (m.senderId === me || m.id === undefined) continue;
      incoming ??= m.id;
      if (m.status !== "read") unseen = m.id;
    }
    return { newestIncoming: incoming, newestUnseen: unseen };
  }, [messages, me]);
  const marked = useRef<{ conversationId: string; id: string } | null>(null);
  useEffect(() => {
    if (!markReadAtBottom || !atBottom) return;
    const seen = marked.current;
    const fresh =
      newestIncoming !== null &&
      (seen?.conversationId !== conversationId || seen.id !== newestIncoming);
    if (!fresh && unread === 0 && newestUnseen === null) return;
    if (newestIncoming !== null) marked.current = { conversationId, id: newestIncoming };
    void actions.markRead(conversationId).catch(() => {});
  }, [markReadAtBottom, atBottom, unread, newestIncoming, newestUnseen, actions, conversationId]);

  const jump = useJumpToMessage({
    jumpTo,
    rows,
    ready: messages.length > 0 || open.status === "open",
    hasMore,
    loadingOlder,
    loadOlder,
    failed: error !== null,
    reveal,
  });

  // "Try again" reads the newest page again (the client's loadOlder does while the history is
  // unavailable), apart from paging's own state: a failed try is the notice's, not paging's.
  const client = useChatClient();
  const [retrying, setRetrying] = useState(false);
  const focusAfterRetry = useRef(false);
  const retryHistory = useCallback(() => {
    focusAfterRetry.current = true;
    setRetrying(true);
    client
      .loadOlder(conversationId)
      .catch(() => {})
      .finally(() => setRetrying(false));
  }, [client, conversationId]);
  // The button takes the focus with it when the notice goes: it stays in the list.
  useEffect(() => {
    if (unavailable || !focusAfterRetry.current) return;
    focusAfterRetry.current = false;
    const active = document.activeElement;
    if (!active || active === document.body) scrollRef.current?.focus({ preventScroll: true });
  }, [unavailable, scrollRef]);

  // Unavailable before loading: once the store says so, the read has ended (the open may not yet).
  const state =
    messages.length > 0
      ? "ready"
      : open.status === "failed"
        ? "failed"
        : unavailable
          ? "unavailable"
          : open.status === "opening"
            ? "loading"
            : "empty";
  const group = conversation?.kind === "group";
  const items = virtualizer.getVirtualItems();

  return (
    <div
      className={className ? `parley-message-list ${className}` : "parley-message-list"}
      data-state={state}
      data-at-bottom={atBottom || undefined}
    >
      {unavailable && (
        <HistoryNotice kind="unavailable" onRetry={retryHistory} retrying={retrying} />
      )}
      <div
        ref={scrollRef}
        className="parley-message-list__scroller"
        role="log"
        aria-live="polite"
        aria-label={strings.messages}
        aria-busy={loadingOlder || state === "loading"}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable log must be reachable from the keyboard
        tabIndex={0}
      >
        {state === "unavailable" ? null : state !== "ready" ? (
          <>
            <p className="parley-message-list__placeholder">
              {state === "loading"
                ? strings.messagesLoading
                : state === "failed"
                  ? strings.messagesFailed
                  : strings.messagesEmpty}
            </p>
            {state === "empty" && !capabilities.history && <HistoryNotice kind="absent" />}
          </>
        ) : (
          <div
            className="parley-message-list__canvas"
            style={{ height: virtualizer.getTotalSize() }}
          >
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return (
                <div
                  key={item.key}
                  ref={virtualizer.measureElement}
                  data-index={item.index}
                  data-highlighted={(jump?.key === row.key && jump.status === "found") || undefined}
                  className="parley-message-list__row"
                  style={{ transform: `translateY(${item.start}px)` }}
                >
                  {row.kind === "day" ? (
                    <Day createdAt={row.createdAt} />
                  ) : (
                    <Item
                      message={row.message}
                      own={me !== null && row.message.senderId === me}
                      groupStart={row.groupStart}
                      groupEnd={row.groupEnd}
                      showSender={group}
                      senderName={people.name(row.message.senderId)}
                      senderAvatar={people.avatar(row.message.senderId)}
                      {...replyProps(row.message, byId, people)}
                      {...(onReply ? { onReply } : {})}
                      {...(onEdit ? { onEdit } : {})}
                    />
                  )}
                </div>
              );
            })}
          </div>
        )}
      </div>
      {(loadingOlder || error) && !unavailable && (
        <div className="parley-message-list__older" role="status">
          {loadingOlder ? (
            strings.loadingOlder
          ) : (
            <>
              {strings.loadOlderFailed}{" "}
              <button type="button" className="parley-button" onClick={() => void loadOlder()}>
                {strings.retryLoadOlder}
              </button>
            </>
          )}
        </div>
      )}
      {jump && jump.status !== "found" && (
        <p className="parley-message-list__finding" role="status">
          {jump.status === "finding" ? strings.findingMessage : strings.messageUnavailable}
        </p>
      )}
      {!atBottom && state === "ready" && <Jump count={newCount} onJump={jumpToLatest} />}
    </div>
  );
}

function replyProps(
  message: Message,
  byId: ReadonlyMap<string, Message>,
  people: People,
): { replyTarget?: Message; replyTargetName?: string } {
  if (message.replyTo === undefined) return {};
  const target = byId.get(message.replyTo);
  return target ? { replyTarget: target, replyTargetName: people.name(target.senderId) } : {};
}
