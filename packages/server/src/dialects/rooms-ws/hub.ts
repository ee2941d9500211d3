import type { WsConnection } from "../../realtime/ws-endpoint.js";
import type { Participant } from "./participants.js";

/** What each open socket carries: who it is and which chats it has joined. */
export interface RoomsSession {
  participant: Participant;
  rooms: Set<number>;
}

export type RoomsConnection = WsConnection<RoomsSession>;

/**
 * In-memory live state: open sockets, the chats each has joined (`join_chat`), and delivery to
 * a chat's joined sockets. Every send goes through `WsConnection.send`, i.e. the delivery gate.
 */
export class Hub {
  private readonly connections = new Set<RoomsConnection>();
  private readonly rooms = new Map<number, Set<RoomsConnection>>();

  add(connection: RoomsConnection): void {
    this.connections.add(connection);
  }

  /** Forgets a closed socket; answers the chats its participant is no longer present in. */
  remove(connection: RoomsConnection): number[] {
    this.connections.delete(connection);
    const left: number[] = [];
    for (const chatId of connection.session.rooms) {
      if (!this.leave(chatId, connection)) left.push(chatId);
    }
    return left;
  }

  /** Joins `connection` to a chat; answers the other participants already present in it. */
  join(chatId: number, connection: RoomsConnection): number[] {
    let room = this.rooms.get(chatId);
    if (!room) {
      room = new Set();
      this.rooms.set(chatId, room);
    }
    room.add(connection);
    connection.session.rooms.add(chatId);
    const self = connection.session.participant.id;
    const others = new Set<number>();
    for (const c of room)
      if (c.session.participant.id !== self) others.add(c.session.participant.id);
    return [...others];
  }

  /** Leaves a chat; answers whether the participant is still present there on another socket. */
  leave(chatId: number, connection: RoomsConnection): boolean {
    connection.session.rooms.delete(chatId);
    const room = this.rooms.get(chatId);
    if (!room) return false;
    room.delete(connection);
    if (room.size === 0) this.rooms.delete(chatId);
    const self = connection.session.participant.id;
    for (const c of room) if (c.session.participant.id === self) return true;
    return false;
  }

  inRoom(chatId: number, connection: RoomsConnection): boolean {
    return connection.session.rooms.has(chatId);
  }

  /** Sends `frame` to every socket that joined `chatId`, except `except`. */
  toRoom(chatId: number, frame: unknown, except?: RoomsConnection): void {
    for (const c of this.rooms.get(chatId) ?? []) if (c !== except) c.send(frame);
  }

  /** Sends a frame built per participant to every open socket of the given participants. */
  toParticipants(ids: readonly number[], frame: (participantId: number) => unknown): void {
    const wanted = new Set(ids);
    for (const c of this.connections) {
      const id = c.session.participant.id;
      if (wanted.has(id)) c.send(frame(id));
    }
  }

  isOnline(participantId: number): boolean {
    for (const c of this.connections) if (c.session.participant.id === participantId) return true;
    return false;
  }

  get size(): number {
    return this.connections.size;
  }

  /** Connection statistics for GET /stats. */
  stats() {
    const users = new Set<number>();
    const customers = new Set<number>();
    let userConnections = 0;
    for (const c of this.connections) {
      const { type, id } = c.session.participant;
      if (type === "user") {
        userConnections += 1;
        users.add(id);
      } else customers.add(id);
    }
    return {
      total_connections: this.connections.size,
      user_connections: userConnections,
      customer_connections: this.connections.size - userConnections,
      online_users: users.size,
      online_customers: customers.size,
      active_chats: this.rooms.size,
    };
  }
}
