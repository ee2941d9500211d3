import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Composer } from "./composer/composer.js";
import { ConnectionBanner } from "./connection-banner.js";
import { type Direction, useComponent, useWidgets } from "./context.js";
import { ConversationList } from "./conversation-list.js";
import { MessageList } from "./message-list/message-list.js";
import type { JumpTarget } from "./message-list/use-jump-to-message.js";
import type { ComposerMode } from "./props.js";
import { ThreadHeader } from "./thread-header.js";
import { TypingIndicator } from "./typing-indicator.js";
import { useControllable } from "./use-controllable.js";
import { type ChatLayout, useChatLayout } from "./use-layout.js";
import { useLoadConversations } from "./use-load-conversations.js";

/** Props of {@link ChatWindow}. */
export interface ChatWindowProps {
  /** The open conversation, controlled; pair with `onConversationChange`. */
  conversationId?: string | null;
  /** The conversation open at first when uncontrolled. @default null */
  defaultConversationId?: string | null;
  onConversationChange?: (id: string) => void;
  /** Show the conversation list beside the thread. @default true */
  showConversationList?: boolean;
  /**
   * `split`: list and thread side by side; `single`: one at a time, with a back button from the
   * thread to the list; `auto`: single below 640 px of the window's own width.
   * @default "auto"
   */
  layout?: "auto" | ChatLayout;
  /** `system` follows `prefers-color-scheme`. @default "system" */
  theme?: "light" | "dark" | "system";
  /** Text direction. @default the WidgetsProvider's (its translation's), else inherited */
  dir?: Direction;
  /** Focus the composer when a conversation opens. @default false */
  autoFocusComposer?: boolean;
  /** Bring a message of the open conversation into view (a search hit): `MessageList`'s `jumpTo`. */
  jumpTo?: JumpTarget | null;
  className?: string;
}

/**
 * A complete chat: connection banner, conversation list, and the open conversation's header,
 * message log, typing indicator and composer. Every part can be replaced through
 * `WidgetsProvider`'s `components`. `data-layout` says `split` or `single`; `data-pane` what a
 * single layout shows (`list` or `thread`), `both` when split.
 */
export function ChatWindow({
  conversationId,
  defaultConversationId = null,
  onConversationChange,
  showConversationList = true,
  layout = "auto",
  theme = "system",
  dir,
  autoFocusComposer = false,
  jumpTo,
  className,
}: ChatWindowProps) {
  const widgets = useWidgets();
  const Banner = useComponent("ConnectionBanner", ConnectionBanner);
  const List = useComponent("ConversationList", ConversationList);
  const Header = useComponent("ThreadHeader", ThreadHeader);
  const Messages = useComponent("MessageList", MessageList);
  const Typing = useComponent("TypingIndicator", TypingIndicator);
  const Input = useComponent("Composer", Composer);
  const [current, setCurrent] = useControllable<string | null>(
    conversationId,
    defaultConversationId,
    onConversationChange as ((id: string | null) => void) | undefined,
  );
  const [mode, setMode] = useState<{ id: string; mode: ComposerMode } | null>(null);
  const headingId = useId();
  const composerMode = mode && mode.id === current ? mode.mode : null;
  const root = useRef<HTMLDivElement>(null);
  const measured = useChatLayout(root, layout);
  const single = measured === "single" && showConversationList;
  // Back to the list keeps the conversation selected; the list shows while it stays the one
  // the user left (another one opened from outside shows its thread).
  const [listFor, setListFor] = useState<string | null | undefined>(undefined);
  const pane = !single ? "both" : current === null || listFor === current ? "list" : "thread";
  // The list loads while only the thread shows too: it names the conversation opened, and its
  // unread counts are current when the user goes back.
  useLoadConversations(showConversationList && pane === "thread");
  // Where focus goes after the user switched panes, so keyboard users never land on nothing.
  const focusNext = useRef<"list" | "thread" | null>(null);

  const onReply = useCallback(
    (message: ComposerMode["message"]) =>
      setMode({ id: message.conversationId, mode: { kind: "reply", message } }),
    [],
  );
  const onEdit = useCallback(
    (message: ComposerMode["message"]) =>
      setMode({ id: message.conversationId, mode: { kind: "edit", message } }),
    [],
  );
  const onSelect = (id: string) => {
    if (single && !autoFocusComposer) focusNext.current = "thread";
    setListFor(undefined);
    setCurrent(id);
  };
  const onBack = () => {
    focusNext.current = "list";
    setListFor(current);
  };

  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    const element = root.current;
    if (!target || !element) return;
    const next =
      target === "thread"
        ? element.querySelector<HTMLElement>(".parley-thread__back")
        : (element.querySelector<HTMLElement>('nav [aria-current="true"]') ??
          element.querySelector<HTMLElement>('nav button[tabindex="0"]'));
    next?.focus();
  });

  const direction = dir ?? widgets.dir;
  return (
    <div
      ref={root}
      className={className ? `parley-chat ${className}` : "parley-chat"}
      data-theme={theme === "system" ? undefined : theme}
      data-state={current ? "open" : "idle"}
      data-layout={single ? "single" : "split"}
      data-pane={pane}
      dir={direction}
      lang={widgets.locale}
    >
      <Banner />
      <div className="parley-chat__body">
        {showConversationList && pane !== "thread" && (
          <List selectedId={current} onSelect={onSelect} />
        )}
        {pane === "list" ? null : current ? (
          <section className="parley-thread" aria-labelledby={headingId}>
            <Header
              conversationId={current}
              headingId={headingId}
              {...(single ? { onBack } : {})}
            />
            <Messages
              conversationId={current}
              onReply={onReply}
              onEdit={onEdit}
              {...(jumpTo ? { jumpTo } : {})}
            />
            <Typing conversationId={current} />
            <Input
              key={current}
              conversationId={current}
              mode={composerMode}
              onModeChange={(next) => setMode(next ? { id: current, mode: next } : null)}
              {...(autoFocusComposer ? { autoFocus: true } : {})}
            />
          </section>
        ) : (
          <section className="parley-thread" data-state="idle">
            <p className="parley-thread__placeholder">{widgets.strings.noConversation}</p>
          </section>
        )}
      </div>
    </div>
  );
}
