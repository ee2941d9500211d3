import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { migrate, openDatabase } from "./database.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("database", () => {
  it("applies a migration once and keeps rows across a reopen of the same file", () => {
    const dir = mkdtempSync(join(tmpdir(), "parley-db-"));
    dirs.push(dir);
    const file = join(dir, "chat.db");
    const migrations = [{ name: "t/1-notes", sql: "CREATE TABLE notes (text TEXT)" }];

    const first = openDatabase(file);
    migrate(first, migrations);
    first.prepare("INSERT INTO notes VALUES (?)").run("kept");
    first.close();

    const second = openDatabase(file);
    migrate(second, migrations); // would throw "table notes already exists" if re-run
    expect(second.prepare("SELECT text FROM notes").all()).toEqual([{ text: "kept" }]);
    second.close();
  });
});
