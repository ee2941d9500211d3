// The props of every widget that can be replaced through the context. They live here, not
// beside each widget, so that the registry of replaceable parts (components.ts) and the context
// that carries it never import the widgets that read the context: no import loop.
import type {
  Attachment,
  Conversation,
  Message,
  MessageStatus as Status,
  User,
} from "@parley/core";
import type { Ref } from "react";
import type { Upload } from "./composer/use-uploads.js";
import type { JumpTarget } from "./message-list/use-jump-to-message.js";

/** Props of `Avatar`. */
export interface AvatarProps {
  /** Whose avatar: used for the initials and the accessible name. */
  name: string;
  /** A picture URL; shown only when it is an http(s) URL that loads. */
  src?: string | null;
  /** @default "md" */
  size?: "sm" | "md" | "lg";
  /** Decorative next to a visible name (the default): hidden from assistive technology. */
  decorative?: boolean;
  className?: string;
}

/** Props of `AttachmentChip`. */
export interface AttachmentChipProps {
  upload: Upload;
  onRemove: () => void;
}

/** Props of `Composer`. */
export interface ComposerProps {
  conversationId: string;
  /** Reply or edit mode, controlled; pair with `onModeChange`. */
  mode?: ComposerMode | null;
  /** Initial mode when uncontrolled. @default null */
  defaultMode?: ComposerMode | null;
  /** Called when the mode changes (sent, saved or cancelled: null). */
  onModeChange?: (mode: ComposerMode | null) => void;
  /** Called with the message just sent (shown at once as pending). */
  onSend?: (message: Message) => void;
  /** @default strings.composerPlaceholder */
  placeholder?: string;
  autoFocus?: boolean;
  className?: string;
}

/** What the composer is doing besides writing a new message. */
export type ComposerMode = { kind: "reply"; message: Message } | { kind: "edit"; message: Message };

/** Props of `ComposerModeBanner`. */
export interface ComposerModeBannerProps {
  mode: ComposerMode;
  onCancel: () => void;
}

/** Props of `ConnectionBanner`. */
export interface ConnectionBannerProps {
  /** Also render (hidden) while connected or idle, e.g. to animate. @default false */
  alwaysRender?: boolean;
  /**
   * A link that was up and is being re-established (connecting or reconnecting) shows nothing
   * for this long: a quick reconnect, such as the check of a silent link, is not worth a flash.
   * Offline, unauthorized and closed show at once. @default 1500
   */
  graceMs?: number;
  className?: string;
}

/** Props of `ConversationItem`. */
export interface ConversationItemProps {
  conversation: Conversation;
  selected: boolean;
  onSelect: (id: string) => void;
  /** Set by the list for arrow-key navigation. */
  buttonRef?: Ref<HTMLButtonElement>;
  tabIndex?: number;
}

/** Props of `ConversationList`. */
export interface ConversationListProps {
  /** The selected conversation, controlled; pair with `onSelect`. */
  selectedId?: string | null;
  /** Initially selected conversation when uncontrolled. */
  defaultSelectedId?: string | null;
  onSelect?: (id: string) => void;
  /** Load the list from the backend once connected. @default true */
  autoLoad?: boolean;
  /**
   * A "new conversation" button above the list, to pick a person from the user directory,
   * where the backend starts a conversation by writing to them. @default true
   */
  newConversation?: boolean;
  className?: string;
}

/** Props of `NewConversation`. */
export interface NewConversationProps {
  /** Called with the id of the conversation chosen (a new one shows at once, empty). */
  onStart: (conversationId: string) => void;
  className?: string;
}

/** Props of `PeoplePicker`. */
export interface PeoplePickerProps {
  /** The dialog's title (its accessible name). */
  title: string;
  /** A person was chosen (always one with a name). */
  onChoose: (user: User & { readonly name: string }) => void;
  /** Escape, the close button or a click outside. */
  onClose: () => void;
}

/** Props of `AttachmentView`. */
export interface AttachmentViewProps {
  attachment: Attachment;
}

/** Props of `DaySeparator`. */
export interface DaySeparatorProps {
  /** Any time on that day (ISO 8601). */
  createdAt: string;
}

/** Props of `FailedActions`. */
export interface FailedActionsProps {
  message: Message;
}

/** Props of `JumpToLatest`. */
export interface JumpToLatestProps {
  /** New messages that arrived while the user was scrolled up. */
  count: number;
  onJump: () => void;
}

/** Props of `MessageActions`. */
export interface MessageActionsProps {
  message: Message;
  own: boolean;
  /** Start replying; the button shows only with this and where the backend has replies. */
  onReply?: (message: Message) => void;
  /** Start editing; the button shows only with this, for our own messages, where editable. */
  onEdit?: (message: Message) => void;
}

/** Props of `MessageItem`. */
export interface MessageItemProps {
  message: Message;
  /** Sent by us: aligned to the end, with status ticks. */
  own: boolean;
  /** First of a run from one sender. */
  groupStart: boolean;
  /** Last of a run from one sender. */
  groupEnd: boolean;
  senderName: string;
  senderAvatar?: string | null;
  /** Show others' names and avatars (group conversations). */
  showSender: boolean;
  /** The message this one replies to, when loaded. */
  replyTarget?: Message;
  replyTargetName?: string;
  onReply?: (message: Message) => void;
  onEdit?: (message: Message) => void;
}

/** Props of `MessageList`. */
export interface MessageListProps {
  conversationId: string;
  /** Start replying to a message (shows the Reply action where the backend has replies). */
  onReply?: (message: Message) => void;
  /** Start editing one of our messages (shows the Edit action where the backend can edit). */
  onEdit?: (message: Message) => void;
  /** Rows rendered beyond the visible ones on each side. @default 6 */
  overscan?: number;
  /** Estimated row height in pixels before a row is measured. @default 72 */
  estimateSize?: number;
  /** Mark the conversation read while its newest messages are in view. @default true */
  markReadAtBottom?: boolean;
  /**
   * Bring this message into view and highlight it (a search hit, a quote): older pages load
   * until it is there. A new object jumps again. @default none
   */
  jumpTo?: JumpTarget | null;
  className?: string;
}

/** Props of `MessageStatus`. */
export interface MessageStatusProps {
  status: Status;
}

/** Props of `MessageText`. */
export interface MessageTextProps {
  text: string;
}

/** Props of `ReplyQuote`. */
export interface ReplyQuoteProps {
  /** The message replied to, when it is loaded. */
  target: Message | undefined;
  /** Its sender's display name. */
  senderName: string | undefined;
}

/** Props of `PresenceBadge`. */
export interface PresenceBadgeProps {
  userId: string;
  /** Also show the status text ("Online", "busy", "Last seen …") next to the dot. */
  showLabel?: boolean;
  className?: string;
}

/** Props of `ThreadHeader`. */
export interface ThreadHeaderProps {
  conversationId: string;
  /** Its id, so the thread can be labelled by the heading. */
  headingId?: string;
  /** Given in the single-pane layout: a back button to the conversation list calls it. */
  onBack?: () => void;
}

/** Props of `TypingIndicator`. */
export interface TypingIndicatorProps {
  conversationId: string;
  className?: string;
}

/** Props of `UnreadBadge`. */
export interface UnreadBadgeProps {
  /** One conversation's count; without it the total over all conversations. */
  conversationId?: string;
  /** Above this the badge shows `max+`. @default 99 */
  max?: number;
  className?: string;
}
