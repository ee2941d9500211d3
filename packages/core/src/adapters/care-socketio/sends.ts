import { ReplyQueue } from "../../transports/reply-queue.js";
import type { SendPayload } from "./normalize.js";
import type { WireMessage } from "./wire.js";

/**
 * The `send_message` events of one socket still waiting for their answer. The protocol has no
 * acknowledgement, but the server handles a socket's events one at a time, in order, and
 * answers each `send_message` on that socket with either `message_sent {message}` or
 * `error {message}`. So the oldest pending send owns the next `error`, and the next
 * `message_sent` whose receiver, content and file match it. A `message_sent` that does not
 * match (a send from another tab of the same user, or over REST) is left to the caller.
 * A send without an answer in time fails alone ("timeout"): the outbox checks the history.
 */
export class PendingSends extends ReplyQueue<WireMessage, SendPayload> {
  /** Registers a send just put on the wire; resolves with the stored copy. */
  add(payload: SendPayload): Promise<WireMessage> {
    return this.expect(payload);
  }

  /** A `message_sent`: true when it answered the oldest pending send. */
  confirm(message: WireMessage): boolean {
    const head = this.head;
    return (
      !!head &&
      message.receiver._id === head.receiverId &&
      message.content === head.content &&
      message.messageType === head.messageType &&
      (message.fileUrl ?? null) === head.fileUrl &&
      this.answer(message)
    );
  }
}
