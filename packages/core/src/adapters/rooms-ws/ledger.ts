import { ParleyError, type ParleyErrorCode } from "../../errors.js";

/**
 * What we sent and are waiting to hear about. rooms-ws has no request ids, but the server
 * handles a socket's frames one by one and answers each in order: `send_message` with the
 * `message` echo, `join_chat` with the joiner's own `user_joined`, `leave_chat` with its own
 * `user_left`, `ping` with `pong`, or any of them with `{type:"error"}`. `typing` and
 * `read_message` succeed silently, so they are kept as "silent" entries: an answer to a later
 * frame proves they went through.
 */
export type Request =
  | { kind: "send"; chatId: number; content: string; media: string | null }
  | { kind: "join" | "leave"; chatId: number }
  | { kind: "ping" }
  | { kind: "typing" | "read"; chatId: number };

interface Entry {
  request: Request;
  at: number;
  settle?: {
    resolve(value: unknown): void;
    reject(error: ParleyError): void;
    timer: ReturnType<typeof setTimeout>;
  };
}

const FRAME_KINDS: Record<string, Request["kind"]> = {
  send_message: "send",
  join_chat: "join",
  leave_chat: "leave",
  ping: "ping",
  typing: "typing",
  read_message: "read",
};

/** The ParleyError code of a rooms-ws error text (the server page lists them). */
export function codeForErrorText(text: string): ParleyErrorCode {
  if (text === "Chat not found" || text === "Message not found in this chat") return "not-found";
  if (text === "You are not a participant of this chat") return "forbidden";
  if (text === "Rate limit exceeded") return "rate-limited";
  if (text === "Internal server error") return "server";
  if (
    text === "Invalid JSON" ||
    text.startsWith("Invalid message format") ||
    text.startsWith("Unknown message type")
  )
    return "protocol";
  if (text.startsWith("Invalid ") || text === "Reply target not found in this chat")
    return "invalid-input";
  return "protocol";
}

const chatOf = (request: Request): number | null => ("chatId" in request ? request.chatId : null);

/** The requests in flight on one link, in send order. */
export class Ledger {
  private entries: Entry[] = [];

  constructor(private readonly timeoutMs: number) {}

  /** Records a frame that gets an answer; resolves with what `answer` passes, rejects on error. */
  expect<T>(request: Request): Promise<T> {
    this.prune();
    return new Promise<T>((resolve, reject) => {
      const entry: Entry = { request, at: Date.now() };
      const timer = setTimeout(() => {
        this.remove(entry);
        reject(
          new ParleyError("timeout", `No answer to ${request.kind} within ${this.timeoutMs} ms`),
        );
      }, this.timeoutMs);
      entry.settle = { resolve: resolve as (value: unknown) => void, reject, timer };
      this.entries.push(entry);
    });
  }

  /** Records a frame that answers only when it fails (typing, read_message). */
  note(request: Request): void {
    this.prune();
    this.entries.push({ request, at: Date.now() });
  }

  /**
   * A success answer came: settles the first entry `test` accepts and drops the silent entries
   * before it (they were handled without error). Answers whether an entry was settled.
   */
  answer(test: (request: Request) => boolean, value?: unknown): boolean {
    const index = this.entries.findIndex((e) => test(e.request));
    if (index < 0) return false;
    const entry = this.entries[index] as Entry;
    this.entries = this.entries.filter((e, i) => i > index || (i < index && e.settle));
    if (entry.settle) {
      clearTimeout(entry.settle.timer);
      entry.settle.resolve(value);
    }
    return true;
  }

  /**
   * True when the newest entry is a silent one. Before a frame that waits for an answer the
   * session then sends a `ping` as a barrier: errors before its `pong` belong to the silent
   * frames, errors after it to the waiting frame, so no refusal is ever misattributed.
   */
  get needsBarrier(): boolean {
    this.prune();
    const last = this.entries.at(-1);
    return last !== undefined && !last.settle;
  }

  /**
   * An error frame came: it answers the oldest frame not yet answered. When silent entries
   * lead (only a barrier `ping` can follow them), it is one of those: `Invalid <type>` names
   * the frame, and a membership error cannot come from a chat we are known to be in. Answers
   * the request it was given to (rejected when it waited), or null.
   */
  fail(text: string, isMember: (chatId: number) => boolean): Request | null {
    const error = new ParleyError(codeForErrorText(text), text);
    const end = this.entries.findIndex((e) => e.settle);
    const silent = end < 0 ? this.entries.length : end;
    const candidates = end < 0 ? this.entries : this.entries.slice(0, end + 1);
    const named = /^Invalid (\w+):/.exec(text)?.[1];
    const kind = named
      ? FRAME_KINDS[named]
      : text === "Reply target not found in this chat"
        ? "send"
        : text === "Message not found in this chat"
          ? "read"
          : undefined;
    let index: number;
    if (kind || named) index = candidates.findIndex((e) => e.request.kind === kind);
    else if (silent === 0) index = end;
    else {
      const membership = error.code === "forbidden" || text === "Chat not found";
      index = membership
        ? candidates.findIndex((e, i) => i < silent && !isMember(chatOf(e.request) ?? Number.NaN))
        : -1;
      if (index < 0) index = 0;
    }
    if (index < 0) return null;
    const entry = candidates[index] as Entry;
    this.entries = this.entries.filter((e, i) => i > index || (i < index && e.settle));
    if (entry.settle) {
      clearTimeout(entry.settle.timer);
      entry.settle.reject(error);
    }
    return entry.request;
  }

  /** The link is gone: everything waiting fails with `error`. */
  rejectAll(error: ParleyError): void {
    const entries = this.entries;
    this.entries = [];
    for (const entry of entries) {
      if (!entry.settle) continue;
      clearTimeout(entry.settle.timer);
      entry.settle.reject(error);
    }
  }

  get size(): number {
    return this.entries.length;
  }

  private remove(entry: Entry): void {
    this.entries = this.entries.filter((e) => e !== entry);
  }

  /** Silent entries nothing answered for a while went through; forget them. */
  private prune(): void {
    const limit = Date.now() - this.timeoutMs;
    this.entries = this.entries.filter((e) => e.settle || e.at >= limit);
  }
}
