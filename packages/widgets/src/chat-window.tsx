import { useCallback, useId, useState } from "react";
import { Composer } from "./composer/composer.js";
import { ConnectionBanner } from "./connection-banner.js";
import { type Direction, useComponent, useWidgets } from "./context.js";
import { ConversationList } from "./conversation-list.js";
import { MessageList } from "./message-list/message-list.js";
import type { ComposerMode } from "./props.js";
import { ThreadHeader } from "./thread-header.js";
import { TypingIndicator } from "./typing-indicator.js";
import { useControllable } from "./use-controllable.js";

/** Props of {@link ChatWindow}. */
export interface ChatWindowProps {
  /** The open conversation, controlled; pair with `onConversationChange`. */
  conversationId?: string | null;
  /** The conversation open at first when uncontrolled. @default null */
  defaultConversationId?: string | null;
  onConversationChange?: (id: string) => void;
  /** Show the conversation list beside the thread. @default true */
  showConversationList?: boolean;
  /** `system` follows `prefers-color-scheme`. @default "system" */
  theme?: "light" | "dark" | "system";
  /** Text direction. @default the WidgetsProvider's, else inherited */
  dir?: Direction;
  /** Focus the composer when a conversation opens. @default false */
  autoFocusComposer?: boolean;
  className?: string;
}

/**
 * A complete chat: connection banner, conversation list, and the open conversation's header,
 * message log, typing indicator and composer. Every part can be replaced through
 * `WidgetsProvider`'s `components`.
 */
export function ChatWindow({
  conversationId,
  defaultConversationId = null,
  onConversationChange,
  showConversationList = true,
  theme = "system",
  dir,
  autoFocusComposer = false,
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

  const direction = dir ?? widgets.dir;
  return (
    <div
      className={className ? `parley-chat ${className}` : "parley-chat"}
      data-theme={theme === "system" ? undefined : theme}
      data-state={current ? "open" : "idle"}
      dir={direction}
    >
      <Banner />
      <div className="parley-chat__body">
        {showConversationList && <List selectedId={current} onSelect={(id) => setCurrent(id)} />}
        {current ? (
          <section className="parley-thread" aria-labelledby={headingId}>
            <Header conversationId={current} headingId={headingId} />
            <Messages conversationId={current} onReply={onReply} onEdit={onEdit} />
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
