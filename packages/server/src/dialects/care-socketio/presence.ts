import { UserConnections } from "../../realtime/user-connections.js";
import type { UserStatus } from "./schemas.js";

/** What `user_status_change` and `POST /chat/online-status` report for one user. */
export interface PresenceJson {
  userId: string;
  isOnline: boolean;
  status: UserStatus;
}

/**
 * Who is online (at least one open socket) and the status each user chose. In memory only: a
 * restart forgets statuses, and everyone is offline until they reconnect.
 */
export class Presence {
  private readonly sockets = new UserConnections<string>();
  private readonly statuses = new Map<string, UserStatus>();
  /** Whom each socket is currently typing to, so a disconnect can stop the indicators. */
  private readonly typing = new Map<string, Set<string>>();

  /** Records a socket; answers true when it is the user's first (the user just came online). */
  connect(userId: string, socketId: string): boolean {
    return this.sockets.add(userId, socketId);
  }

  /** Forgets a socket; answers true when it was the user's last (the user just went offline). */
  disconnect(userId: string, socketId: string): boolean {
    return this.sockets.remove(userId, socketId);
  }

  isOnline(userId: string): boolean {
    return this.sockets.isOnline(userId);
  }

  /** The status the user chose; `available` until they choose another. */
  status(userId: string): UserStatus {
    return this.statuses.get(userId) ?? "available";
  }

  setStatus(userId: string, status: UserStatus): void {
    this.statuses.set(userId, status);
  }

  of(userId: string): PresenceJson {
    return { userId, isOnline: this.isOnline(userId), status: this.status(userId) };
  }

  startTyping(socketId: string, receiverId: string): void {
    let set = this.typing.get(socketId);
    if (!set) {
      set = new Set();
      this.typing.set(socketId, set);
    }
    set.add(receiverId);
  }

  stopTyping(socketId: string, receiverId: string): void {
    this.typing.get(socketId)?.delete(receiverId);
  }

  /** Forgets and answers whom `socketId` was still typing to. */
  takeTyping(socketId: string): string[] {
    const set = this.typing.get(socketId);
    this.typing.delete(socketId);
    return [...(set ?? [])];
  }

  clear(): void {
    this.sockets.clear();
    this.typing.clear();
  }
}
