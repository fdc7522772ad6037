// A consistent copy of a SQLite database, taken while servers keep writing to
// it. Copying the file is not a backup in WAL mode: recent commits live in the
// -wal file until a checkpoint, and a copy taken mid-write can be torn.
// VACUUM INTO reads one snapshot through SQLite and writes a compact,
// self-contained file (no -wal needed).
import BetterSqlite3 from "better-sqlite3";

/** `target` must not exist yet. The source is opened read-only and is neither migrated nor changed. */
export function backupSqlite(source: string, target: string, busyTimeoutMs = 5000): void {
  const connection = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
  try {
    connection.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    connection.prepare("vacuum into ?").run(target);
  } finally {
    connection.close();
  }
}
