/**
 * Who is online, by user id: a user with several sockets stays online until the last one
 * disconnects.
 */
export class Presence {
  private readonly sockets = new Map<string, Set<string>>();

  /** Records a socket; true when it made the user come online. */
  add(userId: string, socketId: string): boolean {
    let set = this.sockets.get(userId);
    const first = !set;
    if (!set) {
      set = new Set();
      this.sockets.set(userId, set);
    }
    set.add(socketId);
    return first;
  }

  /** Forgets a socket; true when it was the user's last one. */
  remove(userId: string, socketId: string): boolean {
    const set = this.sockets.get(userId);
    if (!set?.delete(socketId)) return false;
    if (set.size > 0) return false;
    this.sockets.delete(userId);
    return true;
  }

  isOnline(userId: string): boolean {
    return this.sockets.has(userId);
  }

  /** Online user ids, in the order they came online. */
  online(): string[] {
    return [...this.sockets.keys()];
  }
}
