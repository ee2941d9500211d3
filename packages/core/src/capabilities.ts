/**
 * What a backend can do, as its protocol documents it (PROTOCOLS.md); a UI hides what is false.
 * `live` marks features whose changes arrive pushed; without it they are fetched.
 */
export interface Capabilities {
  /** History over REST with paging. */
  history: boolean;
  /** A conversation list with unread counts. */
  conversationList: boolean;
  typing: boolean;
  /** Read receipts: per message, per conversation, or none. */
  readReceipts: "message" | "conversation" | false;
  /** Delivered status separate from sent. */
  deliveryStatus: boolean;
  presence: boolean;
  /** A status beyond online/offline (available, busy, away). */
  userStatus: boolean;
  attachments: "upload" | "url" | false;
  edit: boolean;
  delete: boolean;
  replies: boolean;
  groups: boolean;
  /**
   * A new conversation starts by sending to the other person's id (`send(userId, text)`), with no
   * separate creation step: the conversation's id is theirs (`client.startConversation(userId)`
   * shows it before the first message). False where a chat must first be created on the server.
   */
  createConversation: boolean;
}

export const noCapabilities: Capabilities = {
  history: false,
  conversationList: false,
  typing: false,
  readReceipts: false,
  deliveryStatus: false,
  presence: false,
  userStatus: false,
  attachments: false,
  edit: false,
  delete: false,
  replies: false,
  groups: false,
  createConversation: false,
};
