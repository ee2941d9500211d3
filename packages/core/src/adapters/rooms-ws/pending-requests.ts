import type { Timers } from "../../environment.js";
import { ParleyError } from "../../errors.js";
import { codeForErrorText } from "./wire.js";

/**
 * What we sent and are waiting to hear about. rooms-ws has no request ids, but the server
 * handles a socket's frames one by one and answers each in order: `send_message` with the
 * `message` echo, `join_chat` with the joiner's own `user_joined`, `leave_chat` with its own
 * `user_left`, `ping` with `pong`, or any of them with `{type:"error"}`. `typing` and
 * `read_message` succeed silently, so they are kept as "silent" entries: an answer to a later
 * frame proves they went through. Deployed backends answer `join_chat` and `leave_chat` with
 * nothing, so a `ping` follows them and its `pong` settles them. `kind` is the frame type's first
 * word (`send_message`: send);
 * the server's greeting, `connected`, is waited for the same way.
 */
export interface Request {
  kind: "send" | "join" | "leave" | "ping" | "typing" | "read" | "connected";
  chatId?: number;
  /** A send's text ("" for none) and media path (null for none), to match its echo. */
  content?: string;
  media?: string | null;
}

interface Entry {
  request: Request;
  at: number;
  /** Settles a frame that waits for its answer; absent on silent entries. */
  settle?(error: ParleyError | null, value?: unknown): void;
}

/** The requests in flight on one link, in send order. */
export class PendingRequests {
  #entries: Entry[] = [];
  #timeoutMs: number;
  #timers: Timers;

  /** `timers`: the session's (`AdapterContext.timers`), for answer timeouts and entry ages. */
  constructor(timeoutMs: number, timers: Timers) {
    this.#timeoutMs = timeoutMs;
    this.#timers = timers;
  }

  /** Records a frame that gets an answer; resolves with what `answer` passes, rejects on error. */
  expect<T>(request: Request): Promise<T> {
    this.#prune();
    return new Promise<T>((resolve, reject) => {
      const timers = this.#timers;
      const timer = timers.setTimeout(() => {
        this.#entries = this.#entries.filter((e) => e !== entry);
        reject(new ParleyError("timeout", `No answer to ${request.kind}`));
      }, this.#timeoutMs);
      const entry: Entry = {
        request,
        at: timers.now(),
        settle: (error, value) => {
          timers.clearTimeout(timer);
          if (error) reject(error);
          else resolve(value as T);
        },
      };
      this.#entries.push(entry);
    });
  }

  /** Records a frame that answers only when it fails (typing, read_message). */
  note(request: Request): void {
    this.#prune();
    this.#entries.push({ request, at: this.#timers.now() });
  }

  /**
   * A success answer came: settles the first entry `test` accepts and drops the silent entries
   * before it (they were handled without error). Answers whether an entry was settled.
   */
  answer(test: (request: Request) => boolean, value?: unknown): boolean {
    const entry = this.#take(this.#entries.findIndex((e) => test(e.request)));
    entry?.settle?.(null, value);
    return !!entry;
  }

  /**
   * A `pong` came: settles the oldest `ping`, and the joins and leaves sent before it. The server
   * answers frames in order, so they went through; a deployed backend sends no answer of its own
   * for them (the seed's own `user_joined`/`user_left` settles them earlier).
   */
  pong(): void {
    const index = this.#entries.findIndex((e) => e.request.kind === "ping");
    if (index < 0) return;
    const done = this.#entries
      .slice(0, index)
      .filter((e) => e.request.kind === "join" || e.request.kind === "leave");
    this.#entries = this.#entries.filter((e) => !done.includes(e));
    for (const entry of done) entry.settle?.(null);
    this.answer((r) => r.kind === "ping");
  }

  /**
   * True when the newest entry is a silent one. Before a frame that waits for an answer the
   * session then sends a `ping` as a barrier: errors before its `pong` belong to the silent
   * frames, errors after it to the waiting frame, so no refusal is ever misattributed.
   */
  get needsBarrier(): boolean {
    this.#prune();
    const last = this.#entries.at(-1);
    return !!last && !last.settle;
  }

  /**
   * An error frame came: it answers the oldest frame not yet answered. When silent entries
   * lead (only a barrier `ping` can follow them), it is one of those: `Invalid <type>` names
   * the frame, and a membership error cannot come from a chat we are known to be in. Answers
   * the request it was given to (rejected when it waited), or null.
   */
  fail(text: string, isMember: (chatId: number) => boolean): Request | null {
    const error = new ParleyError(codeForErrorText(text), text);
    const entries = this.#entries;
    const end = entries.findIndex((e) => e.settle);
    const silent = end < 0 ? entries.length : end;
    const candidates = end < 0 ? entries : entries.slice(0, end + 1);
    const kind =
      /^Invalid (\w+):/.exec(text)?.[1]?.split("_")[0] ??
      (text === "Reply target not found in this chat"
        ? "send"
        : text === "Message not found in this chat"
          ? "read"
          : undefined);
    const membership = error.code === "forbidden" || text === "Chat not found";
    const entry = this.#take(
      kind !== undefined
        ? candidates.findIndex((e) => e.request.kind === kind)
        : silent
          ? Math.max(
              0,
              candidates.findIndex(
                (e, i) => membership && i < silent && !isMember(e.request.chatId ?? Number.NaN),
              ),
            )
          : end,
    );
    entry?.settle?.(error);
    return entry?.request ?? null;
  }

  /** The link is gone: everything waiting fails with `error`. */
  rejectAll(error: ParleyError): void {
    for (const entry of this.#entries.splice(0)) entry.settle?.(error);
  }

  get size(): number {
    return this.#entries.length;
  }

  /** Removes the entry at `index` and the silent ones before it, which went through. */
  #take(index: number): Entry | undefined {
    const entry = this.#entries[index];
    if (entry) this.#entries = this.#entries.filter((e, i) => i > index || (i < index && e.settle));
    return entry;
  }

  /** Silent entries nothing answered for a while went through; forget them. */
  #prune(): void {
    const limit = this.#timers.now() - this.#timeoutMs;
    this.#entries = this.#entries.filter((e) => e.settle || e.at >= limit);
  }
}
