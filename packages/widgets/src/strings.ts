import type { ConnectionState, MessageStatus } from "@parley/core";

/**
 * Every piece of text the widgets show or announce. Override any of them through
 * `<WidgetsProvider strings={...}>`; functions receive numbers and lists already formatted with
 * `Intl` for the provider's `locale`.
 */
export interface WidgetStrings {
  conversations: string;
  conversationsLoading: string;
  conversationsEmpty: string;
  untitledConversation: string;
  noMessagesYet: string;
  /** Preview of a last message that has only attachments. */
  attachmentPreview: string;
  messages: string;
  messagesLoading: string;
  messagesEmpty: string;
  messagesFailed: string;
  loadingOlder: string;
  loadOlderFailed: string;
  retryLoadOlder: string;
  noConversation: string;
  /** The jump-to-latest button; `count` is formatted, 0 when nothing new arrived. */
  jumpToLatest(count: number, formatted: string): string;
  you: string;
  edited: string;
  deleted: string;
  /** Accessible name of a status tick. */
  status: Record<MessageStatus, string>;
  sendFailed: string;
  /** Under a message the backend may or may not have stored: the user decides. */
  sendUnconfirmed: string;
  retry: string;
  discard: string;
  reply: string;
  edit: string;
  delete: string;
  /** Reply quote when the original isn't loaded. */
  replyToUnknown: string;
  replyingTo(name: string): string;
  editingMessage: string;
  cancelReply: string;
  cancelEdit: string;
  composerLabel: string;
  composerPlaceholder: string;
  send: string;
  save: string;
  attach: string;
  removeAttachment(name: string): string;
  uploading(name: string, percent: string): string;
  uploadFailed(name: string): string;
  attachmentLabel(name: string, size: string): string;
  image: string;
  file: string;
  /** `names` is already joined with `Intl.ListFormat`. */
  typing(count: number, names: string): string;
  online: string;
  offline: string;
  lastSeen(dateTime: string): string;
  /** Unread badge: `formatted` is the capped number shown ("99+"). */
  unread(count: number, formatted: string): string;
  connection: Record<Exclude<ConnectionState["status"], "reconnecting">, string>;
  /** `attempt` and `seconds` (null when the retry is due now) are formatted numbers. */
  reconnecting(attempt: string, seconds: string | null): string;
}

export const defaultStrings: WidgetStrings = {
  conversations: "Conversations",
  conversationsLoading: "Loading conversations…",
  conversationsEmpty: "No conversations yet",
  untitledConversation: "Conversation",
  noMessagesYet: "No messages yet",
  attachmentPreview: "Attachment",
  messages: "Messages",
  messagesLoading: "Loading messages…",
  messagesEmpty: "No messages yet. Say hello!",
  messagesFailed: "These messages could not be loaded.",
  loadingOlder: "Loading older messages…",
  loadOlderFailed: "Older messages could not be loaded.",
  retryLoadOlder: "Try again",
  noConversation: "Choose a conversation",
  jumpToLatest: (count, formatted) =>
    count === 0
      ? "Jump to latest messages"
      : `${formatted} new ${count === 1 ? "message" : "messages"}, jump to latest`,
  you: "You",
  edited: "edited",
  deleted: "This message was deleted",
  status: {
    pending: "Sending",
    sent: "Sent",
    delivered: "Delivered",
    read: "Read",
    failed: "Not sent",
    unconfirmed: "Not confirmed",
  },
  sendFailed: "Not sent.",
  sendUnconfirmed: "Not confirmed: it may or may not have reached the server. Send it again?",
  retry: "Retry",
  discard: "Discard",
  reply: "Reply",
  edit: "Edit",
  delete: "Delete",
  replyToUnknown: "Original message",
  replyingTo: (name) => `Replying to ${name}`,
  editingMessage: "Editing message",
  cancelReply: "Cancel reply",
  cancelEdit: "Cancel editing",
  composerLabel: "Message",
  composerPlaceholder: "Write a message…",
  send: "Send",
  save: "Save",
  attach: "Attach a file",
  removeAttachment: (name) => `Remove ${name}`,
  uploading: (name, percent) => `Uploading ${name}: ${percent}`,
  uploadFailed: (name) => `${name} could not be uploaded`,
  attachmentLabel: (name, size) => (size ? `${name} (${size})` : name),
  image: "Image",
  file: "File",
  typing: (count, names) =>
    count === 0
      ? ""
      : count > 3
        ? "Several people are typing…"
        : `${names} ${count === 1 ? "is" : "are"} typing…`,
  online: "Online",
  offline: "Offline",
  lastSeen: (dateTime) => `Last seen ${dateTime}`,
  unread: (count, formatted) => `${formatted} unread ${count === 1 ? "message" : "messages"}`,
  connection: {
    idle: "Not connected",
    connecting: "Connecting…",
    connected: "Connected",
    offline: "You are offline. Messages will be sent when you are back online.",
    unauthorized: "Your session has expired. Sign in again to keep chatting.",
    closed: "Disconnected",
  },
  reconnecting: (attempt, seconds) =>
    seconds === null
      ? `Reconnecting (attempt ${attempt})…`
      : `Connection lost. Reconnecting in ${seconds} s (attempt ${attempt})…`,
};
