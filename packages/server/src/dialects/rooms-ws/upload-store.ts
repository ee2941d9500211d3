import type { Database } from "../../db/database.js";
import type { Participant } from "./participants.js";

/** An uploaded file as stored: its bytes live in SQLite so they survive a restart. */
export interface UploadRow {
  name: string;
  content_type: string;
  size: number;
  data: Buffer;
  original_name: string | null;
  uploader_type: string;
  uploader_id: number;
  created_at: number;
}

/** Uploaded files by their random public name. Tables come from the dialect's migration. */
export class UploadStore {
  private readonly insert;
  private readonly byName;

  constructor(db: Database) {
    this.insert = db.prepare(
      `INSERT INTO rooms_ws_uploads
       (name, content_type, size, data, original_name, uploader_type, uploader_id, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.byName = db.prepare<[string], UploadRow>("SELECT * FROM rooms_ws_uploads WHERE name = ?");
  }

  put(
    name: string,
    contentType: string,
    data: Buffer,
    originalName: string | null,
    uploader: Participant,
    at: number,
  ): void {
    this.insert.run(
      name,
      contentType,
      data.byteLength,
      data,
      originalName,
      uploader.type,
      uploader.id,
      at,
    );
  }

  get(name: string): UploadRow | undefined {
    return this.byName.get(name);
  }
}
