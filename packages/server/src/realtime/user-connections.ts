/**
 * The open connections of each user. A user with several sockets (tabs, devices) is online
 * until the last one closes; `add` and `remove` say when that changes.
 */
export class UserConnections<C> {
  private readonly byUser = new Map<string, Set<C>>();

  /** Records a connection; true when it is the user's first (the user just came online). */
  add(userId: string, connection: C): boolean {
    let set = this.byUser.get(userId);
    if (!set) {
      set = new Set();
      this.byUser.set(userId, set);
    }
    set.add(connection);
    return set.size === 1;
  }

  /** Forgets a connection; true when it was the user's last (the user just went offline). */
  remove(userId: string, connection: C): boolean {
    const set = this.byUser.get(userId);
    if (!set?.delete(connection)) return false;
    if (set.size > 0) return false;
    this.byUser.delete(userId);
    return true;
  }

  isOnline(userId: string): boolean {
    return this.byUser.has(userId);
  }

  /** The user's open connections (empty when offline). */
  of(userId: string): ReadonlySet<C> {
    return this.byUser.get(userId) ?? new Set();
  }

  /** Forgets everyone (the server is stopping). */
  clear(): void {
    this.byUser.clear();
  }

  /** Online user ids, in the order they came online. */
  online(): string[] {
    return [...this.byUser.keys()];
  }
}
