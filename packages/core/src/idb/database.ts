import { type IDBPDatabase, type IDBPTransaction, wrap } from "idb";
import type { Timers } from "../environment.js";
import { migrate } from "./migrations.js";
import { type CacheSchema, SCHEMA_VERSION } from "./schema.js";

export type CacheDatabase = IDBPDatabase<CacheSchema>;

export interface OpenOptions {
  factory: IDBFactory;
  name: string;
  /** Another tab wants a newer version, or deletes the database: ours is already closed. */
  onVersionChange(): void;
  /** The browser closed the connection (storage cleared, disk failure). */
  onClose(): void;
  /** How long an upgrade waits for older tabs to close before giving up. */
  blockedTimeoutMs: number;
  timers: Timers;
  /** For tests: open at another version. @default SCHEMA_VERSION */
  version?: number;
}

/**
 * Opens (creating or migrating) the cache database. Our connection closes itself on
 * `versionchange`, so a newer tab's upgrade is never blocked by this one. Rejects when the
 * open fails, a migration fails (nothing of it is kept) or older tabs block an upgrade too long.
 */
export function openDatabase(options: OpenOptions): Promise<CacheDatabase> {
  const { factory, name, timers } = options;
  const version = options.version ?? SCHEMA_VERSION;
  return new Promise((resolve, reject) => {
    let settled = false;
    let timer: unknown;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      timers.clearTimeout(timer);
      reject(error);
    };
    let request: IDBOpenDBRequest;
    try {
      request = factory.open(name, version);
    } catch (error) {
      fail(error);
      return;
    }
    request.onupgradeneeded = (event) => {
      const tx = request.transaction as IDBTransaction;
      const db = wrap(request.result) as IDBPDatabase<unknown>;
      const upgrade = wrap(tx) as unknown as IDBPTransaction<unknown, string[], "versionchange">;
      upgrade.done.catch(() => {}); // an abort is reported through the open request
      migrate(db, upgrade, event.oldVersion, event.newVersion ?? version).catch(
        (error: unknown) => {
          // A half-migrated database must not be kept: aborting rolls the whole upgrade back.
          try {
            tx.abort();
          } catch {
            // Already finished or aborted.
          }
          fail(error);
        },
      );
    };
    request.onblocked = () => {
      timer = timers.setTimeout(
        () => fail(new Error("Older tabs keep the cache open; its upgrade is blocked")),
        options.blockedTimeoutMs,
      );
    };
    request.onerror = () => fail(request.error);
    request.onsuccess = () => {
      const raw = request.result;
      if (settled) {
        raw.close(); // we gave up waiting (or the migration failed): this tab stays in memory
        return;
      }
      settled = true;
      timers.clearTimeout(timer);
      raw.onversionchange = () => {
        raw.close();
        options.onVersionChange();
      };
      raw.onclose = () => options.onClose();
      resolve(wrap(raw) as unknown as CacheDatabase);
    };
  });
}

/** Deletes the database; other tabs close theirs on `versionchange`, so this is not blocked. */
export function deleteDatabase(factory: IDBFactory, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = factory.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
  });
}

/** Closes a database, ignoring a throw: it may be closed already. */
export function closeQuietly(db: CacheDatabase | null): void {
  try {
    db?.close();
  } catch {
    // Already closed.
  }
}
