import type { WirePerson } from "./adapter.js";
import { Backoff, type BackoffOptions } from "./backoff.js";
import type { Timers } from "./environment.js";
import type { Conversation } from "./model.js";
import { idRecord, own } from "./records.js";

/** What the client knows about a person. Only `id` is certain; the rest arrives when it can. */
export interface User {
  readonly id: string;
  readonly name?: string;
  readonly avatarUrl?: string;
}

/**
 * The app's lookup of people the backend does not name: called with ids collected over one
 * tick, answers what it knows (ids it leaves out are not asked again).
 */
export type UserResolver = (ids: readonly string[]) => Promise<readonly User[]>;

/** Options of a {@link UserDirectory}. */
export interface UserDirectoryOptions {
  /** People the app already knows. @default none */
  users?: readonly User[];
  /** The app's lookup for everyone else. @default none: names come from the backend only */
  resolveUsers?: UserResolver;
  timers: Timers;
  random?: () => number;
  /** Spacing of retries after the resolver failed. @default { min: 1000, max: 60000 } */
  retryBackoff?: BackoffOptions;
}

/** The people the client knows, as `client.users` shows them to apps and bindings. */
export interface ChatUsers {
  /** What is known about a person; the same object until it changes; undefined if nothing is. */
  get(id: string): User | undefined;
  /** Everyone known so far (in no set order); the same array until someone changes. */
  list(): readonly User[];
  /** Calls `listener` after each change (never on subscribe); answers the unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Asks the app's `resolveUsers` about people not yet known by name (batched, once per id). */
  request(ids: Iterable<string>): void;
  /** Adds or updates people the app learned of itself. */
  add(users: readonly User[]): void;
}

/** Where an id stands with the resolver: queued for the next call (or a retry), asked, answered. */
type Lookup = "queued" | "asked" | "answered";

/**
 * Everyone the client has heard of: static users, people the wire names (conversation
 * participants, message senders), the app's resolver and what a persistent cache kept, merged
 * per field (the app's word over the wire's, both over the cache's). `get`
 * answers the same object until that person changes; listeners hear once per change, never on
 * subscribe. The resolver is asked in batches over one tick, once per id, never while one is
 * asked or known by name; a failure is retried with backoff and never reaches the app.
 */
export class UserDirectory implements ChatUsers {
  readonly #app: Record<string, User> = idRecord();
  readonly #wire: Record<string, User> = idRecord();
  /** What a persistent cache kept from earlier sessions: below the app's and the wire's word. */
  readonly #cached: Record<string, User> = idRecord();
  readonly #merged: Record<string, User> = idRecord();
  readonly #lookups = new Map<string, Lookup>();
  readonly #listeners = new Set<() => void>();
  readonly #options: UserDirectoryOptions;
  readonly #backoff: Backoff;
  #timer: unknown = null;
  /** What `list` answered, until the next change. */
  #everyone: readonly User[] | null = null;
  #seen: Readonly<Record<string, Conversation>> | null = null;
  #disposed = false;

  constructor(options: UserDirectoryOptions) {
    this.#options = options;
    this.#backoff = new Backoff({
      min: 1000,
      max: 60_000,
      ...(options.random && { random: options.random }),
      ...options.retryBackoff,
    });
    this.#merge(options.users ?? [], this.#app);
  }

  /** What is known about a person; the same object until it changes; undefined if nothing is. */
  readonly get = (id: string): User | undefined => own(this.#merged, id);

  /** Everyone known so far (in no set order); the same array until someone changes. */
  readonly list = (): readonly User[] => {
    this.#everyone ??= Object.values(this.#merged);
    return this.#everyone;
  };

  /** Calls `listener` after each change (never on subscribe); answers the unsubscribe. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /**
   * Asks the app's resolver about people not yet known by name, in the next batch. Safe to call
   * on every render: an id queued, asked, answered or named is not asked again.
   */
  request(ids: Iterable<string>): void {
    const resolve = this.#options.resolveUsers;
    if (!resolve || this.#disposed) return;
    let added = false;
    for (const id of ids) {
      // A name only the cache kept is shown meanwhile, and asked again.
      const named = own(this.#app, id)?.name ?? own(this.#wire, id)?.name;
      if (id === "" || this.#lookups.has(id) || named) continue;
      this.#lookups.set(id, "queued");
      added = true;
    }
    if (added) this.#schedule(0);
  }

  /** Adds or updates people the app learned of itself (they count as the app's word). */
  add(users: readonly User[]): void {
    if (this.#merge(users, this.#app)) this.#notify();
  }

  /** Takes in what a persistent cache kept: shown until the app or the wire says otherwise. */
  remember(users: readonly User[]): void {
    if (this.#merge(users, this.#cached)) this.#notify();
  }

  /** Takes in people the wire named (a message's sender), as the wire's word; nameless ones not. */
  hear(people: readonly WirePerson[]): void {
    const named = people.filter((p): p is User => typeof p.name === "string" && !!p.name.trim());
    if (this.#merge(named, this.#wire)) this.#notify();
  }

  /** Takes in the people named by conversations that changed since the last call. */
  learn(conversations: Readonly<Record<string, Conversation>>): void {
    if (conversations === this.#seen) return;
    const previous = this.#seen;
    this.#seen = conversations;
    const people: User[] = [];
    for (const id of Object.keys(conversations)) {
      const conversation = conversations[id] as Conversation;
      if (previous && own(previous, id) === conversation) continue;
      for (const p of conversation.participants) {
        people.push({ id: p.id, ...named(p.name), ...(p.avatar ? { avatarUrl: p.avatar } : {}) });
      }
    }
    if (this.#merge(people, this.#wire)) this.#notify();
  }

  /** Stops retries and ignores answers still on their way. */
  dispose(): void {
    this.#disposed = true;
    if (this.#timer !== null) this.#options.timers.clearTimeout(this.#timer);
    this.#timer = null;
    this.#listeners.clear();
  }

  #schedule(ms: number): void {
    if (this.#timer !== null) return;
    this.#timer = this.#options.timers.setTimeout(() => {
      this.#timer = null;
      this.#flush();
    }, ms);
  }

  #flush(): void {
    const ids = [...this.#lookups].filter(([, state]) => state === "queued").map(([id]) => id);
    if (ids.length === 0 || this.#disposed) return;
    for (const id of ids) this.#lookups.set(id, "asked");
    // A resolver that throws instead of rejecting fails the same way.
    new Promise<readonly User[]>((done) =>
      done((this.#options.resolveUsers as UserResolver)(ids)),
    ).then(
      (users) => this.#answered(ids, users),
      () => this.#failed(ids),
    );
  }

  #answered(ids: readonly string[], users: readonly User[]): void {
    if (this.#disposed) return;
    this.#backoff.reset();
    for (const id of ids) this.#lookups.set(id, "answered");
    const valid = Array.isArray(users) ? users.filter((u) => typeof u?.id === "string") : [];
    for (const user of valid) this.#lookups.set(user.id, "answered");
    if (this.#merge(valid, this.#app)) this.#notify();
  }

  // The ids wait for the retry together with any asked meanwhile: one call when it comes.
  #failed(ids: readonly string[]): void {
    if (this.#disposed) return;
    for (const id of ids) this.#lookups.set(id, "queued");
    const delay = this.#backoff.duration();
    if (this.#timer !== null) this.#options.timers.clearTimeout(this.#timer);
    this.#timer = null;
    this.#schedule(delay);
  }

  /** Writes `users` into one layer; answers whether any merged person changed. */
  #merge(users: readonly User[], layer: Record<string, User>): boolean {
    let changed = false;
    for (const user of users) {
      if (typeof user.id !== "string" || user.id === "") continue;
      const before = own(layer, user.id);
      layer[user.id] = {
        id: user.id,
        ...named(user.name ?? before?.name),
        ...((user.avatarUrl ?? before?.avatarUrl) && {
          avatarUrl: user.avatarUrl ?? before?.avatarUrl,
        }),
      };
      const wire = own(this.#wire, user.id);
      const app = own(this.#app, user.id);
      const cached = own(this.#cached, user.id);
      const name = app?.name ?? wire?.name ?? cached?.name;
      const avatarUrl = app?.avatarUrl ?? wire?.avatarUrl ?? cached?.avatarUrl;
      const merged: User = {
        id: user.id,
        ...(name !== undefined && { name }),
        ...(avatarUrl !== undefined && { avatarUrl }),
      };
      const current = own(this.#merged, user.id);
      if (current && current.name === merged.name && current.avatarUrl === merged.avatarUrl) {
        continue;
      }
      this.#merged[user.id] = merged;
      this.#everyone = null;
      changed = true;
    }
    return changed;
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}

/** `{ name }` for a name worth showing (not blank), else nothing. */
function named(name: string | undefined): { name?: string } {
  return typeof name === "string" && name.trim() !== "" ? { name } : {};
}
