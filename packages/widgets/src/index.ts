export { Avatar } from "./avatar.js";
export type { ChatWindowProps } from "./chat-window.js";
export { ChatWindow } from "./chat-window.js";
export type { WidgetComponents } from "./components.js";
export { AttachmentChip } from "./composer/attachment-chip.js";
export { Composer } from "./composer/composer.js";
export { ComposerModeBanner } from "./composer/composer-mode.js";
export type { Upload } from "./composer/use-uploads.js";
export { ConnectionBanner } from "./connection-banner.js";
export type {
  Direction,
  StringOverrides,
  WidgetsContextValue,
  WidgetsProviderProps,
} from "./context.js";
export { useWidgets, WidgetsProvider } from "./context.js";
export { ConversationItem } from "./conversation-item.js";
export { ConversationList } from "./conversation-list.js";
export type { Formatters } from "./format.js";
export type { TextPart } from "./linkify.js";
export { linkify } from "./linkify.js";
export { AttachmentView } from "./message-list/attachment-view.js";
export { DaySeparator } from "./message-list/day-separator.js";
export { FailedActions } from "./message-list/failed-actions.js";
export type { HistoryNoticeProps } from "./message-list/history-notice.js";
export { HistoryNotice } from "./message-list/history-notice.js";
export { JumpToLatest } from "./message-list/jump-to-latest.js";
export { MessageActions } from "./message-list/message-actions.js";
export { MessageItem } from "./message-list/message-item.js";
export { MessageList } from "./message-list/message-list.js";
export { MessageStatus } from "./message-list/message-status.js";
export { MessageText } from "./message-list/message-text.js";
export { ReplyQuote } from "./message-list/reply-quote.js";
export type { JumpStatus, JumpTarget } from "./message-list/use-jump-to-message.js";
export { NewConversation } from "./new-conversation.js";
export { PeoplePicker } from "./people-picker.js";
export type { NamedUser } from "./people-search.js";
export { searchPeople } from "./people-search.js";
export type { PluralForms } from "./plural.js";
export { plurals } from "./plural.js";
export type { PresenceState } from "./presence-badge.js";
export { PresenceBadge } from "./presence-badge.js";
export type {
  AttachmentChipProps,
  AttachmentViewProps,
  AvatarProps,
  ComposerMode,
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
export type { HighlightedTextProps } from "./search/highlighted-text.js";
export { HighlightedText } from "./search/highlighted-text.js";
export type { SearchPanelProps } from "./search/search-panel.js";
export { SearchPanel } from "./search/search-panel.js";
export type { SearchResultProps } from "./search/search-result.js";
export { SearchResult } from "./search/search-result.js";
export type { WidgetStrings } from "./strings.js";
export { defaultStrings } from "./strings.js";
export { ThreadHeader } from "./thread-header.js";
export type { WidgetTranslation } from "./translation.js";
export { TypingIndicator } from "./typing-indicator.js";
export { UnreadBadge } from "./unread-badge.js";
export type { UrlUse } from "./url.js";
export { safeUrl } from "./url.js";
export type { ChatLayout } from "./use-layout.js";
export type { ConversationFace, People } from "./use-people.js";
export { useConversationFace, usePeople, usePersonName } from "./use-people.js";
