import { ParleyError } from "../../errors.js";
import type { SendPayload } from "./normalize.js";
import type { WireMessage } from "./wire.js";

interface Pending {
  payload: SendPayload;
  resolve(message: WireMessage): void;
  reject(error: ParleyError): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The `send_message` events of one socket still waiting for their answer. The protocol has no
 * acknowledgement, but the server handles a socket's events one at a time, in order, and
 * answers each `send_message` on that socket with either `message_sent {message}` or
 * `error {message}`. So the oldest pending send owns the next `error`, and the next
 * `message_sent` whose receiver, content and file match it. A `message_sent` that does not
 * match (a send from another tab of the same user, or over REST) is left to the caller.
 */
export class PendingSends {
  private readonly queue: Pending[] = [];

  constructor(private readonly timeoutMs: number) {}

  get size(): number {
    return this.queue.length;
  }

  /** Registers a send just put on the wire; resolves with the stored copy. */
  add(payload: SendPayload): Promise<WireMessage> {
    return new Promise<WireMessage>((resolve, reject) => {
      const entry: Pending = {
        payload,
        resolve,
        reject,
        timer: setTimeout(() => {
          // No answer: the outbox checks the history before sending it again.
          this.remove(entry);
          reject(new ParleyError("timeout", "No answer to send_message"));
        }, this.timeoutMs),
      };
      this.queue.push(entry);
    });
  }

  /** A `message_sent`: true when it answered the oldest pending send. */
  confirm(message: WireMessage): boolean {
    const head = this.queue[0];
    if (!head || !matches(head.payload, message)) return false;
    this.queue.shift();
    clearTimeout(head.timer);
    head.resolve(message);
    return true;
  }

  /** An `error`: true when a pending send took it. */
  refuse(error: ParleyError): boolean {
    const head = this.queue.shift();
    if (!head) return false;
    clearTimeout(head.timer);
    head.reject(error);
    return true;
  }

  /** The socket is gone: every pending send fails with `error`. */
  failAll(error: ParleyError): void {
    for (const entry of this.queue.splice(0)) {
      clearTimeout(entry.timer);
      entry.reject(error);
    }
  }

  private remove(entry: Pending): void {
    const index = this.queue.indexOf(entry);
    if (index >= 0) this.queue.splice(index, 1);
  }
}

function matches(payload: SendPayload, message: WireMessage): boolean {
  return (
    message.receiver._id === payload.receiverId &&
    message.content === payload.content &&
    message.messageType === payload.messageType &&
    (message.fileUrl ?? null) === payload.fileUrl
  );
}
