import type { ConnectionState, MessageStatus } from "@parley/core";
import { plurals } from "./plural.js";

/**
 * Every piece of text the widgets show or announce. Override any of them through
 * `<WidgetsProvider strings={...}>`, or switch language with `translation` (one entry point per
 * language: `@parley/widgets/locales/fr`). Functions receive numbers, lists and times already
 * formatted with `Intl` for the provider's `locale`; `count` picks the plural form.
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
  /** The "try again" button after older messages, or the history, could not be loaded. */
  retryLoadOlder: string;
  /** Above the messages while the history cannot be read (live messages still arrive). */
  historyUnavailable: string;
  /** In an empty conversation where the backend gives us no history at all. */
  historyNotOffered: string;
  noConversation: string;
  /** The jump-to-latest button; `count` is formatted, 0 when nothing new arrived. */
  jumpToLatest(count: number, formatted: string): string;
  you: string;
  /** Stands for a person whose name is not known yet; never their id. */
  someone: string;
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
  /** On a touch screen, the button that shows a message's actions (no hover there). */
  moreActions: string;
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
  /** Presence in words: online (also a status such as "available"), away, busy, offline. */
  online: string;
  away: string;
  busy: string;
  offline: string;
  /** `when` is relative ("5 minutes ago") for the last week, else a date and time. */
  lastSeen(when: string): string;
  /** The back button of the single-pane (narrow) layout, from a thread to the list. */
  backToConversations: string;
  /** The search panel's landmark and input. */
  searchLabel: string;
  searchPlaceholder: string;
  searching: string;
  searchEmpty: string;
  /** How many hits are shown; `formatted` is the number. */
  searchResults(count: number, formatted: string): string;
  searchFailed: string;
  searchMore: string;
  /** A message being brought into view (older pages loading). */
  findingMessage: string;
  /** A message asked for (a search hit, a quote) that the history no longer has. */
  messageUnavailable: string;
  /** The conversation list's button that opens the people picker, and the picker's title. */
  newConversation: string;
  /** The people picker's search box. */
  searchPeople: string;
  /** Announced as the search narrows: how many people it found (`formatted`: the number). */
  peopleFound(count: number, formatted: string): string;
  /** The people picker when the search finds no one. */
  noPeopleFound: string;
  /** Closes a dialog. */
  close: string;
  /** Unread badge: `formatted` is the capped number shown ("99+"). */
  unread(count: number, formatted: string): string;
  connection: Record<Exclude<ConnectionState["status"], "reconnecting">, string>;
  /** `attempt` and `seconds` (null when the retry is due now) are formatted numbers. */
  reconnecting(attempt: string, seconds: string | null): string;
}

const plural = plurals("en");

/** English, the strings the widgets use without a translation. */
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
  historyUnavailable: "Earlier messages can't be loaded right now.",
  historyNotOffered: "Earlier messages aren't available.",
  noConversation: "Choose a conversation",
  jumpToLatest: (count, formatted) =>
    count === 0
      ? "Jump to latest messages"
      : plural(count, {
          one: `${formatted} new message, jump to latest`,
          other: `${formatted} new messages, jump to latest`,
        }),
  you: "You",
  someone: "Someone",
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
  moreActions: "More actions",
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
        : plural(count, { one: `${names} is typing…`, other: `${names} are typing…` }),
  online: "Online",
  away: "Away",
  busy: "Busy",
  offline: "Offline",
  lastSeen: (when) => `Last seen ${when}`,
  backToConversations: "Back to conversations",
  searchLabel: "Search messages",
  searchPlaceholder: "Search messages…",
  searching: "Searching…",
  searchEmpty: "No messages found",
  searchResults: (count, n) =>
    plural(count, { one: `${n} message found`, other: `${n} messages found` }),
  searchFailed: "The search failed.",
  searchMore: "Show more results",
  findingMessage: "Finding the message…",
  messageUnavailable: "This message could not be found.",
  newConversation: "New conversation",
  searchPeople: "Search people by name",
  peopleFound: (count, formatted) =>
    plural(count, { one: `${formatted} person found`, other: `${formatted} people found` }),
  noPeopleFound: "No one found",
  close: "Close",
  unread: (count, formatted) =>
    plural(count, { one: `${formatted} unread message`, other: `${formatted} unread messages` }),
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
