import BetterSqlite3 from "better-sqlite3";

/** The SQLite handle every dialect stores its rows in. */
export type Database = BetterSqlite3.Database;

/**
 * Opens the server's database: a file that survives restarts, or `":memory:"` for fast tests.
 * WAL keeps readers and the single writer from blocking each other.
 */
export function openDatabase(file: string): Database {
  const db = new BetterSqlite3(file);
  if (file !== ":memory:") db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  db.exec(
    "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
  );
  return db;
}

/**
 * Applies each named migration once, in order, inside a transaction. A dialect names its
 * migrations `<dialect>/<n>-<what>` so dialects never collide.
 */
export function migrate(db: Database, migrations: ReadonlyArray<{ name: string; sql: string }>) {
  const applied = db.prepare("SELECT 1 FROM schema_migrations WHERE name = ?");
  const record = db.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)");
  for (const { name, sql } of migrations) {
    if (applied.get(name)) continue;
    db.transaction(() => {
      db.exec(sql);
      record.run(name, new Date().toISOString());
    })();
  }
}
