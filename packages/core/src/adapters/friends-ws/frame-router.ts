import type { AdapterEvent } from "../../adapter.js";
import { ParleyError } from "../../errors.js";
import type { ReplyQueue } from "../../transports/reply-queue.js";
import type { KnownConversations } from "./known-conversations.js";
import type { SendReceipt } from "./socket.js";
import { type Frame, frameError, parseFrame, peerOf, peopleOf, toMessage } from "./wire.js";

export interface FrameRouterOptions {
  emit(event: AdapterEvent): void;
  me(): string | null;
  /** What the session learned from the wire; updated by every frame. */
  known: KnownConversations;
  /**
   * The sends waiting for their `message_sent` or `error`, each keyed by whether a frame that
   * may be refused without being a send (typing, mark_read) went on the wire just before it.
   */
  replies: ReplyQueue<SendReceipt, boolean>;
  /** `connection_established`: the server says who we are. */
  greeted(userId: string): void;
  /**
   * The server showed it pushes presence changes (`friend_online` / `friend_offline`) or
   * delivery (`message_delivered`, a `message_sent` that says `delivered`): the reference
   * server's extensions, which the deployed backend lacks.
   */
  pushes(what: "presence" | "delivery"): void;
}

/**
 * Refusals of the frames we send besides `send_message` (typing, mark_read), as the reference
 * server words them, and rate limits, which may be any frame's: never taken as a send's answer
 * (a send refused so is left to its timeout and the history check, never confirmed wrongly).
 */
const NOT_A_SEND = /^(Invalid (typing|mark_read)|Message not found$|Only the receiver|Rate limit)/;
const RATE_LIMIT = /^Rate limit/;

/**
 * Turns server frames into adapter events. Never throws: a malformed frame is reported as an
 * `error` event and dropped.
 */
export class FrameRouter {
  #options: FrameRouterOptions;
  /**
   * Answers the server still owes to sends failed together on a rate limit: it answers each of
   * them in order, and those answers are theirs, never a later send's (taken as a later send's,
   * an answer would confirm it with another message's id, or refuse a stored one).
   */
  #owed = 0;

  constructor(options: FrameRouterOptions) {
    this.#options = options;
  }

  receive(data: string): void {
    const report = (message: string, cause?: unknown) =>
      this.#options.emit({ type: "error", error: new ParleyError("protocol", message, { cause }) });
    try {
      const frame = parseFrame(data);
      if (frame) this.#apply(frame);
      else report(`Malformed friends-ws frame: ${String(data).slice(0, 120)}`);
    } catch (error) {
      report("Could not handle a frame", error);
    }
  }

  /** The current online friends (from `online_friends` or `GET /friends/online`). */
  onlineFriends(ids: readonly string[]): void {
    const { online, offline } = this.#options.known.setOnline(ids);
    for (const userId of online) this.#presence(userId, true);
    for (const userId of offline) this.#presence(userId, false);
  }

  #apply(frame: Frame): void {
    const { emit, known, replies } = this.#options;
    const me = this.#options.me();
    switch (frame.type) {
      case "connection_established":
        this.#owed = 0; // a new link: the old one's answers never come
        this.#options.greeted(frame.user_id);
        return;
      case "online_friends":
        this.onlineFriends(frame.friends);
        return;
      case "friend_online":
      case "friend_offline": {
        const online = frame.type === "friend_online";
        this.#options.pushes("presence");
        if (known.setPresence(frame.user_id, online)) this.#presence(frame.user_id, online);
        return;
      }
      case "new_message": {
        known.account(frame.message.sender);
        emit({ type: "people", people: peopleOf([frame.message]) });
        const message = toMessage(frame.message, peerOf(frame.message, me ?? ""));
        known.seen(message, me, true);
        emit({ type: "message", message });
        return;
      }
      case "message_sent":
        if (frame.status !== "sent") this.#options.pushes("delivery");
        if (this.#owed > 0) this.#owed -= 1;
        else if (!replies.answer({ messageId: frame.message_id, status: frame.status }))
          emit({
            type: "error",
            error: new ParleyError("protocol", "message_sent without a pending send"),
          });
        return;
      case "error": {
        // The server answers frames in order: an error is the oldest waiting send's refusal,
        // unless it names another frame of ours. The deployed backend refuses only sends,
        // without a code.
        const error = frameError(frame.code, frame.message);
        const sendRefusal = RATE_LIMIT.test(frame.message) || !NOT_A_SEND.test(frame.message);
        if (this.#owed > 0 && sendRefusal) {
          this.#owed -= 1;
          emit({ type: "error", error });
        } else if (RATE_LIMIT.test(frame.message) && replies.size > 0) {
          // The oldest send's, unless another frame went just before it. Not knowing whose
          // with several sends waiting, no answer after it can be matched: they all fail
          // unsent or not, and the outbox checks the history before sending any again.
          if (replies.head === false) replies.refuse(frameError(frame.code ?? 429, frame.message));
          else if (replies.size > 1) {
            this.#owed = replies.size - 1;
            replies.failAll(new ParleyError("network", frame.message));
          } else emit({ type: "error", error });
        } else if (NOT_A_SEND.test(frame.message) || !replies.refuse(error))
          emit({ type: "error", error });
        return;
      }
      case "message_read": {
        // The friend read my message (a receipt), or I read theirs here or on another device
        // (their conversation is read once nothing of theirs is left unread).
        const { message_id: messageId, read_by: readerId } = frame;
        // A friend who read this message has seen the ones before it: a deployed backend marks a
        // history page read as it answers it and tells the sender nothing, so only the receipt
        // of the newest one may ever come.
        if (readerId !== me) {
          emit({ type: "read", conversationId: readerId, readerId, upTo: messageId });
          return;
        }
        known.read(messageId);
        const conversationId = known.conversationOfMessage(messageId);
        if (conversationId !== undefined && known.unreadCount(conversationId) === 0)
          emit({ type: "read", conversationId, readerId, upTo: messageId });
        return;
      }
      case "message_delivered":
        this.#options.pushes("delivery");
        emit({
          type: "status",
          conversationId: frame.delivered_to,
          messageIds: [frame.message_id],
          status: "delivered",
        });
        return;
      case "message_deleted": {
        const conversationId =
          frame.deleted_by === me
            ? known.conversationOfMessage(frame.message_id)
            : frame.deleted_by;
        known.deleted(frame.message_id);
        if (conversationId !== undefined)
          emit({ type: "deleted", conversationId, messageId: frame.message_id });
        return;
      }
      case "typing_indicator":
        emit({
          type: "typing",
          conversationId: frame.user_id,
          userId: frame.user_id,
          typing: frame.is_typing,
        });
      // "unknown": a frame type this client does not know: newer server, nothing lost
    }
  }

  #presence(userId: string, online: boolean): void {
    this.#options.emit({ type: "presence", userId, presence: { online } });
  }
}
