import type { AdapterEvent } from "../../adapter.js";
import { ParleyError } from "../../errors.js";
import { personId, senderOf, toConversation, toMessage } from "./convert.js";
import type { PendingRequests, Request } from "./pending-requests.js";
import { codeForErrorText, parseFrame, type ServerFrame, type WireMessage } from "./wire.js";

export interface FrameRouterOptions {
  baseUrl: string;
  /** Our person id (`u:2`, `c:1`), once the `connected` frame told it. */
  me(): string | null;
  /** Participant types by id, learned from messages and chat lists (for frames that omit it). */
  types: Map<number, string>;
  pending(): PendingRequests;
  members: Set<number>;
  emit(event: AdapterEvent): void;
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
 * Turns server frames into adapter events and answers the pending requests. Never throws: a
 * malformed frame is reported as an `error` event and dropped.
 */
export class FrameRouter {
  #options: FrameRouterOptions;

  constructor(options: FrameRouterOptions) {
    this.#options = options;
  }

  receive(data: string): void {
    const report = (message: string, cause?: unknown) =>
      this.#options.emit({ type: "error", error: new ParleyError("protocol", message, { cause }) });
    const frame = parseFrame(data);
    if (!frame) report(`Malformed rooms-ws frame: ${data.slice(0, 120)}`);
    else
      try {
        this.#route(frame);
      } catch (error) {
        report("Could not handle a frame", error);
      }
  }

  #route(frame: ServerFrame): void {
    const { emit, baseUrl, members, me, types } = this.#options;
    const pending = this.#options.pending();
    /** A person's id; the seed's frames give the id alone, unique across both kinds there. */
    const who = (id: number, type?: string) => personId(id, type ?? types.get(id));
    switch (frame.type) {
      case "connected":
        types.set(frame.participant_id, frame.participant_type);
        pending.answer(
          (r) => r.kind === "connected",
          personId(frame.participant_id, frame.participant_type),
        );
        return;
      case "message":
      case "message_updated":
      case "message_deleted": {
        const wire = frame.message;
        const sender = senderOf(wire);
        types.set(sender.id, sender.type);
        const named = { id: personId(sender.id, sender.type), name: wire.sender_name };
        emit({ type: "people", people: [named] });
        if (frame.type === "message") {
          members.add(wire.chat_id);
          if (who(sender.id, sender.type) === me()) pending.answer(isSendOf(wire), wire);
        }
        // An edit or a deletion only changes a message we hold: carried as a message, one for an id
        // not seen yet (forged, or of history never loaded) would add or stick to a message.
        if (frame.type === "message_deleted")
          emit({
            type: "deleted",
            conversationId: String(wire.chat_id),
            messageId: String(wire.id),
          });
        else
          emit({
            type: frame.type === "message" ? "message" : "edited",
            message: toMessage(baseUrl, wire),
          });
        return;
      }
      case "typing": {
        const userId = who(frame.participant_id, frame.participant_type);
        if (userId !== me())
          emit({
            type: "typing",
            conversationId: String(frame.chat_id),
            userId,
            typing: frame.is_typing,
          });
        return;
      }
      case "read_receipt": {
        const readerId = who(frame.reader_id, frame.reader_type);
        if (readerId === me())
          pending.answer((r) => r.kind === "read" && r.chatId === frame.chat_id);
        emit({
          type: "read",
          conversationId: String(frame.chat_id),
          readerId,
          upTo: String(frame.message_id),
        });
        return;
      }
      case "user_joined":
      case "user_left": {
        const online = frame.type === "user_joined";
        const userId = who(frame.participant_id, frame.participant_type);
        // The seed acknowledges our own join and leave this way; deployed backends do not (the
        // pong of the ping sent after them does, see PendingRequests.pong).
        if (userId === me()) {
          const kind = online ? "join" : "leave";
          pending.answer((r) => r.kind === kind && r.chatId === frame.chat_id);
        } else emit({ type: "presence", userId, presence: { online } });
        return;
      }
      case "chat_created":
        members.add(frame.chat.id);
        emit({ type: "conversation", conversation: toConversation(baseUrl, frame.chat) });
        return;
      case "pong":
        pending.pong();
        return;
      case "error": {
        const request = pending.fail(frame.error, (chatId) => members.has(chatId));
        // A refusal nobody waits for (typing, read, or unattributable) is still reported.
        if (!request || request.kind === "typing" || request.kind === "read")
          emit({
            type: "error",
            error: new ParleyError(
              codeForErrorText(frame.error),
              `rooms-ws refused a frame: ${frame.error}`,
            ),
          });
      }
    }
  }
}
