import type { ComponentType } from "react";
import type { AvatarProps } from "./avatar.js";
import type { AttachmentChipProps } from "./composer/attachment-chip.js";
import type { ComposerProps } from "./composer/composer.js";
import type { ComposerModeBannerProps } from "./composer/composer-mode.js";
import type { ConnectionBannerProps } from "./connection-banner.js";
import type { ConversationItemProps } from "./conversation-item.js";
import type { ConversationListProps } from "./conversation-list.js";
import type { AttachmentViewProps } from "./message-list/attachment-view.js";
import type { DaySeparatorProps } from "./message-list/day-separator.js";
import type { FailedActionsProps } from "./message-list/failed-actions.js";
import type { JumpToLatestProps } from "./message-list/jump-to-latest.js";
import type { MessageActionsProps } from "./message-list/message-actions.js";
import type { MessageItemProps } from "./message-list/message-item.js";
import type { MessageListProps } from "./message-list/message-list.js";
import type { MessageStatusProps } from "./message-list/message-status.js";
import type { MessageTextProps } from "./message-list/message-text.js";
import type { ReplyQuoteProps } from "./message-list/reply-quote.js";
import type { PresenceBadgeProps } from "./presence-badge.js";
import type { ThreadHeaderProps } from "./thread-header.js";
import type { TypingIndicatorProps } from "./typing-indicator.js";
import type { UnreadBadgeProps } from "./unread-badge.js";

/**
 * Every part a widget renders through the context, by name. Pass replacements to
 * `<WidgetsProvider components={{ ... }}>`; each receives the same props as the default.
 */
export interface WidgetComponents {
  Avatar: ComponentType<AvatarProps>;
  PresenceBadge: ComponentType<PresenceBadgeProps>;
  UnreadBadge: ComponentType<UnreadBadgeProps>;
  ConnectionBanner: ComponentType<ConnectionBannerProps>;
  ConversationList: ComponentType<ConversationListProps>;
  ConversationItem: ComponentType<ConversationItemProps>;
  ThreadHeader: ComponentType<ThreadHeaderProps>;
  MessageList: ComponentType<MessageListProps>;
  MessageItem: ComponentType<MessageItemProps>;
  MessageText: ComponentType<MessageTextProps>;
  MessageStatus: ComponentType<MessageStatusProps>;
  MessageActions: ComponentType<MessageActionsProps>;
  AttachmentView: ComponentType<AttachmentViewProps>;
  ReplyQuote: ComponentType<ReplyQuoteProps>;
  FailedActions: ComponentType<FailedActionsProps>;
  DaySeparator: ComponentType<DaySeparatorProps>;
  JumpToLatest: ComponentType<JumpToLatestProps>;
  TypingIndicator: ComponentType<TypingIndicatorProps>;
  Composer: ComponentType<ComposerProps>;
  ComposerModeBanner: ComponentType<ComposerModeBannerProps>;
  AttachmentChip: ComponentType<AttachmentChipProps>;
}
