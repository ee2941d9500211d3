import type { AdapterEvent } from "../../adapter.js";
import { ParleyError } from "../../errors.js";
import { codeForErrorText, type Ledger, type Request } from "./ledger.js";
import { toConversation, toMessage } from "./normalize.js";
import { parseFrame, type ServerFrame, type WireMessage } from "./wire.js";

export interface RouterOptions {
  baseUrl: string;
  /** Our participant id, once the `connected` frame told it. */
  me(): string | null;
  ledger(): Ledger;
  members: Set<number>;
  emit(event: AdapterEvent): void;
  /** The `connected` frame. */
  hello(participantId: number): void;
}

/** Is `request` the send this own `message` echo answers? Same chat, same content and media. */
const isSendOf =
  (wire: WireMessage) =>
  (request: Request): boolean =>
    request.kind === "send" &&
    request.chatId === wire.chat_id &&
    request.content === (wire.content ?? "") &&
    request.media === (wire.media_url ?? null);

/**
 * Turns server frames into adapter events and answers the ledger. Never throws: a malformed
 * frame is reported as an `error` event and dropped.
 */
export class FrameRouter {
  constructor(private readonly options: RouterOptions) {}

  receive(data: string): void {
    const frame = parseFrame(data);
    if (!frame) {
      this.options.emit({
        type: "error",
        error: new ParleyError("protocol", `Malformed rooms-ws frame: ${data.slice(0, 120)}`),
      });
      return;
    }
    try {
      this.route(frame);
    } catch (error) {
      this.options.emit({
        type: "error",
        error: new ParleyError("protocol", "Could not handle a rooms-ws frame", { cause: error }),
      });
    }
  }

  private isMe(participantId: number): boolean {
    return String(participantId) === this.options.me();
  }

  private route(frame: ServerFrame): void {
    const { emit, baseUrl, members } = this.options;
    const ledger = this.options.ledger();
    switch (frame.type) {
      case "connected":
        this.options.hello(frame.participant_id);
        return;
      case "message": {
        const wire = frame.message;
        members.add(wire.chat_id);
        if (this.isMe(wire.sender_id)) ledger.answer(isSendOf(wire), wire);
        emit({ type: "message", message: toMessage(baseUrl, wire) });
        return;
      }
      case "message_updated":
        emit({ type: "message", message: toMessage(baseUrl, frame.message) });
        return;
      case "message_deleted":
        emit({ type: "message", message: toMessage(baseUrl, frame.message) });
        emit({
          type: "deleted",
          conversationId: String(frame.message.chat_id),
          messageId: String(frame.message.id),
        });
        return;
      case "typing":
        if (!this.isMe(frame.participant_id)) {
          emit({
            type: "typing",
            conversationId: String(frame.chat_id),
            userId: String(frame.participant_id),
            typing: frame.is_typing,
          });
        }
        return;
      case "read_receipt":
        if (this.isMe(frame.reader_id))
          ledger.answer((r) => r.kind === "read" && r.chatId === frame.chat_id);
        emit({
          type: "read",
          conversationId: String(frame.chat_id),
          readerId: String(frame.reader_id),
          upTo: String(frame.message_id),
        });
        return;
      case "user_joined":
      case "user_left": {
        const joined = frame.type === "user_joined";
        if (this.isMe(frame.participant_id)) {
          const kind = joined ? "join" : "leave";
          ledger.answer((r) => r.kind === kind && r.chatId === frame.chat_id);
          return;
        }
        emit({
          type: "presence",
          userId: String(frame.participant_id),
          presence: { online: joined },
        });
        return;
      }
      case "chat_created":
        members.add(frame.chat.id);
        emit({ type: "conversation", conversation: toConversation(baseUrl, frame.chat) });
        return;
      case "pong":
        ledger.answer((r) => r.kind === "ping");
        return;
      case "error": {
        const request = ledger.fail(frame.error, (chatId) => members.has(chatId));
        // A refusal nobody waits for (typing, read, or unattributable) is still reported.
        if (!request || request.kind === "typing" || request.kind === "read") {
          emit({
            type: "error",
            error: new ParleyError(
              codeForErrorText(frame.error),
              `rooms-ws refused a frame: ${frame.error}`,
            ),
          });
        }
        return;
      }
    }
  }
}
