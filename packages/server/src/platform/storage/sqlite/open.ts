import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely } from "kysely";
import { migrateToLatest } from "../migrate.js";
import type { MigrationSteps } from "../migrations.js";
import { KyselyDatabase } from "../database.js";
import type { AnyKysely } from "../seam.js";
import { NonBlockingSqliteDialect } from "./driver.js";
import { openReader } from "./reader.js";
import { sqliteDialect } from "./codec.js";

export interface SqliteOptions {
  /** How long a write waits for another connection's or process's lock before failing with a 503 (ms, default 5000). */
  busyTimeoutMs?: number;
}

const MEMORY = ":memory:";
export const DEFAULT_LOCK_DEADLINE_MS = 5000;

/**
 * SQLite's own busy handler sleeps on the calling thread, which here is the
 * event loop: keep it to a few milliseconds (enough for a checkpoint or a
 * commit in progress elsewhere) and wait for longer locks on a timer instead
 * (see driver.ts).
 */
const SYNCHRONOUS_BUSY_MS = 10;

/** `location` is what follows `sqlite:`: a relative or absolute path, or `:memory:`. */
export async function openSqlite(location: string, migrations: MigrationSteps, options: SqliteOptions = {}): Promise<KyselyDatabase> {
  if (location === "") throw new Error("sqlite storage URL has no path (expected sqlite:./file.db or sqlite::memory:)");
  const file = location === MEMORY ? MEMORY : resolve(location);
  if (file !== MEMORY) mkdirSync(dirname(file), { recursive: true });
  const lockDeadlineMs = Math.max(0, Math.trunc(options.busyTimeoutMs ?? DEFAULT_LOCK_DEADLINE_MS));

  const writer = new BetterSqlite3(file);
  let reader: BetterSqlite3.Database | undefined;
  try {
    // Opening happens before any request is served, so waiting here blocks nobody.
    writer.pragma(`busy_timeout = ${lockDeadlineMs}`);
    // WAL lets readers proceed during a write; NORMAL sync is durable in WAL
    // except for the last transactions on power loss, the usual trade-off.
    if (file !== MEMORY) writer.pragma("journal_mode = WAL");
    writer.pragma("synchronous = NORMAL");
    writer.pragma("foreign_keys = ON");
    writer.pragma(`busy_timeout = ${SYNCHRONOUS_BUSY_MS}`);
    if (file !== MEMORY) {
      reader = new BetterSqlite3(file, { readonly: true });
      reader.pragma(`busy_timeout = ${SYNCHRONOUS_BUSY_MS}`);
    }
  } catch (error) {
    reader?.close();
    writer.close();
    throw error;
  }

  const db: AnyKysely = new Kysely<unknown>({ dialect: new NonBlockingSqliteDialect({ writer, reader, lockDeadlineMs }) });
  try {
    await migrateWithRetry(db, migrations);
    // A schema change touches many pages, and the WAL keeps them (and its
    // size on disk) until a checkpoint with no reader in the way. Start with
    // an empty WAL: on a nearly full disk those pages would otherwise hold
    // the room the data needs, and leave a checkpoint no space to run in.
    if (file !== MEMORY) {
      try {
        writer.pragma("wal_checkpoint(TRUNCATE)");
      } catch {
        // Another process is reading or writing: its own checkpoints will do.
      }
    }
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new KyselyDatabase(db, sqliteDialect, reader && openReader(reader));
}

/**
 * Several processes may open the same file at once. Kysely's SQLite migration
 * lock is in-process only; the driver waits for the write lock up to its
 * deadline, and a loser that still fails retries: the winner's migrations make
 * its run a no-op.
 */
async function migrateWithRetry(db: AnyKysely, migrations: MigrationSteps): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await migrateToLatest(db, migrations);
      return;
    } catch (error) {
      const code = (error as { cause?: { code?: unknown } }).cause?.code;
      const busy = typeof code === "string" && code.startsWith("SQLITE_BUSY");
      if (!busy || attempt >= 20) throw error;
      await new Promise((r) => setTimeout(r, 25 * attempt));
    }
  }
}
