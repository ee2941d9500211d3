import { ParleyError } from "../../errors.js";
import type { WireStatus } from "./wire.js";

/** What `message_sent` says about one send. */
export interface SendReceipt {
  messageId: string;
  status: WireStatus;
}

interface Waiting {
  resolve(receipt: SendReceipt): void;
  reject(error: ParleyError): void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The sends on one socket still waiting for their answer. The reference server answers every
 * `send_message` with exactly one `message_sent` or `error`, in the order the frames were sent
 * (see the server's friends-ws page), so answers are matched first in, first out. When an
 * answer does not come in time the order can no longer be trusted: `onStuck` is called, and
 * the session drops the socket so that the outbox checks the history instead.
 */
export class ReplyQueue {
  private readonly waiting: Waiting[] = [];

  constructor(
    private readonly timeoutMs: number,
    private readonly onStuck: () => void,
  ) {}

  get size(): number {
    return this.waiting.length;
  }

  /** A send was just put on the wire; resolves with its `message_sent`. */
  expect(): Promise<SendReceipt> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.onStuck(), this.timeoutMs);
      this.waiting.push({ resolve, reject, timer });
    });
  }

  /** A `message_sent` answers the oldest send; false when no send was waiting. */
  answer(receipt: SendReceipt): boolean {
    const head = this.waiting.shift();
    if (!head) return false;
    clearTimeout(head.timer);
    head.resolve(receipt);
    return true;
  }

  /** An `error` frame refuses the oldest send; false when no send was waiting. */
  refuse(error: ParleyError): boolean {
    const head = this.waiting.shift();
    if (!head) return false;
    clearTimeout(head.timer);
    head.reject(error);
    return true;
  }

  /** The socket is gone: every waiting send fails (retryable, so the outbox checks history). */
  failAll(error: ParleyError = new ParleyError("network", "The chat socket closed")): void {
    for (const head of this.waiting.splice(0)) {
      clearTimeout(head.timer);
      head.reject(error);
    }
  }
}
