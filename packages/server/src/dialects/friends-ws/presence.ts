import { UserConnections } from "../../realtime/user-connections.js";
import type { WsConnection } from "../../realtime/ws-endpoint.js";
import type { OutFrame } from "./frames.js";

/** What an admitted socket carries: who it belongs to. */
export interface Session {
  userId: string;
}

export type FriendsConnection = WsConnection<Session>;

/**
 * Who is connected (a user may hold several sockets) and whom each user is currently shown as
 * typing to. In memory only: presence does not survive a restart, as on the original server.
 *
 * With `singleSocket` (the field profile), it keeps what the deployed backend's
 * `core/websocket_manager.py` keeps: one socket per user, the newest, and any of the user's
 * sockets closing forgets the user, even when a newer one is still open. That newer socket then
 * gets nothing pushed until it reconnects.
 */
export class Presence {
  private readonly sockets = new UserConnections<FriendsConnection>();
  private readonly typing = new Map<string, Set<string>>();

  constructor(private readonly singleSocket = false) {}

  /** Registers a socket; true when it is the user's first (they just came online). */
  add(connection: FriendsConnection): boolean {
    const { userId } = connection.session;
    if (this.singleSocket) {
      const previous = [...this.sockets.of(userId)];
      for (const old of previous) this.sockets.remove(userId, old);
      this.sockets.add(userId, connection);
      return previous.length === 0;
    }
    return this.sockets.add(userId, connection);
  }

  /** Forgets a socket; true when it was the user's last (they just went offline). */
  remove(connection: FriendsConnection): boolean {
    const { userId } = connection.session;
    if (this.singleSocket) {
      const current = [...this.sockets.of(userId)];
      for (const socket of current) this.sockets.remove(userId, socket);
      return current.length > 0;
    }
    return this.sockets.remove(userId, connection);
  }

  isOnline(userId: string): boolean {
    return this.sockets.isOnline(userId);
  }

  /** Sends `frame` to every socket of `userId`; answers how many sockets it was handed to. */
  send(userId: string, frame: OutFrame): number {
    const set = this.sockets.of(userId);
    for (const connection of set) connection.send(frame);
    return set.size;
  }

  /** Records whether `userId` is typing to `receiverId`. */
  setTyping(userId: string, receiverId: string, isTyping: boolean): void {
    let set = this.typing.get(userId);
    if (isTyping) {
      if (!set) {
        set = new Set();
        this.typing.set(userId, set);
      }
      set.add(receiverId);
    } else {
      set?.delete(receiverId);
      if (set?.size === 0) this.typing.delete(userId);
    }
  }

  /** Clears every "is typing" of `userId`; answers whom they were typing to. */
  clearTyping(userId: string): string[] {
    const receivers = [...(this.typing.get(userId) ?? [])];
    this.typing.delete(userId);
    return receivers;
  }
}
