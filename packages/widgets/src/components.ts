import type { ComponentType } from "react";
import type {
  AttachmentChipProps,
  AttachmentViewProps,
  AvatarProps,
  ComposerModeBannerProps,
  ComposerProps,
  ConnectionBannerProps,
  ConversationItemProps,
  ConversationListProps,
  DaySeparatorProps,
  FailedActionsProps,
  JumpToLatestProps,
  MessageActionsProps,
  MessageItemProps,
  MessageListProps,
  MessageStatusProps,
  MessageTextProps,
  NewConversationProps,
  PeoplePickerProps,
  PresenceBadgeProps,
  ReplyQuoteProps,
  ThreadHeaderProps,
  TypingIndicatorProps,
  UnreadBadgeProps,
} from "./props.js";

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
  NewConversation: ComponentType<NewConversationProps>;
  PeoplePicker: ComponentType<PeoplePickerProps>;
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
