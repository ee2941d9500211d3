import type { DeliveryGate } from "../../realtime/delivery-gate.js";
import type { ParleySocket, SocketIoEndpoint } from "../../realtime/socketio-endpoint.js";

/** A Socket.IO acknowledgement callback, when the client passed one. */
export type Ack = ((payload: unknown) => void) | undefined;

/**
 * Every outbound frame of the dialect, through the delivery gate. `SocketIoEndpoint.emitTo`
 * takes one room; messages go to several rooms at once (receiver, sender, admins) and Socket.IO
 * only de-duplicates sockets within a single broadcast, so this builds that broadcast itself.
 */
export class Outbox {
  constructor(
    private readonly endpoint: SocketIoEndpoint,
    private readonly gate: DeliveryGate,
  ) {}

  /** Answers the asking socket: through its ack when it gave one, otherwise as `event`. */
  reply(socket: ParleySocket, ack: Ack, event: string, payload: unknown): void {
    if (ack) this.ack(socket, ack, payload);
    else this.endpoint.emit(socket, event, payload);
  }

  /** Refuses a request: `{detail}` in the ack, otherwise as an `error` event. */
  error(socket: ParleySocket, ack: Ack, detail: string): void {
    this.reply(socket, ack, "error", { detail });
  }

  /** Calls an acknowledgement through the gate, unless the socket has gone. */
  ack(socket: ParleySocket, ack: (payload: unknown) => void, payload: unknown): void {
    this.gate.run(() => {
      if (socket.connected) ack(payload);
    });
  }

  /** Emits once to every socket in any of `rooms`, except sockets in any `except` room. */
  broadcast(rooms: string[], event: string, payload: unknown, except: string[] = []): void {
    this.gate.run(() => {
      const io = this.endpoint.io;
      if (!io || rooms.length === 0) return;
      io.to(rooms).except(except).emit(event, payload);
    });
  }
}
