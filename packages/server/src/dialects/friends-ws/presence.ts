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
 */
export class Presence {
  private readonly sockets = new UserConnections<FriendsConnection>();
  private readonly typing = new Map<string, Set<string>>();

  /** Registers a socket; true when it is the user's first (they just came online). */
  add(connection: FriendsConnection): boolean {
    return this.sockets.add(connection.session.userId, connection);
  }

  /** Forgets a socket; true when it was the user's last (they just went offline). */
  remove(connection: FriendsConnection): boolean {
    return this.sockets.remove(connection.session.userId, connection);
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
