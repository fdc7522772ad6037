import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { Kysely, SqliteDialect, type SqliteDatabase } from "kysely";
import { migrateToLatest } from "../migrate.js";
import type { MigrationSteps } from "../migrations.js";
import { KyselyDatabase } from "../database.js";
import type { AnyKysely } from "../seam.js";
import { openReader } from "./reader.js";
import { sqliteDialect } from "./codec.js";

export interface SqliteOptions {
  /** How long a writer waits for another process's lock before failing (ms). */
  busyTimeoutMs?: number;
}

const MEMORY = ":memory:";

/** `location` is what follows `sqlite:`: a relative or absolute path, or `:memory:`. */
export async function openSqlite(location: string, migrations: MigrationSteps, options: SqliteOptions = {}): Promise<KyselyDatabase> {
  if (location === "") throw new Error("sqlite storage URL has no path (expected sqlite:./file.db or sqlite::memory:)");
  const file = location === MEMORY ? MEMORY : resolve(location);
  if (file !== MEMORY) mkdirSync(dirname(file), { recursive: true });

  const database = new BetterSqlite3(file);
  try {
    // WAL lets readers proceed during a write; NORMAL sync is durable in WAL
    // except for the last transactions on power loss, the usual trade-off.
    if (file !== MEMORY) database.pragma("journal_mode = WAL");
    database.pragma("synchronous = NORMAL");
    database.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    database.pragma("foreign_keys = ON");
  } catch (error) {
    database.close();
    throw error;
  }

  const db: AnyKysely = new Kysely<unknown>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  try {
    await migrateWithRetry(db, migrations);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return new KyselyDatabase(db, sqliteDialect, file === MEMORY ? undefined : openReader(file, options.busyTimeoutMs ?? 5000));
}

const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely prepares every query anew, and preparing costs more than running a
 * point lookup. better-sqlite3 statements are reusable (Kysely never iterates
 * one while running another), so keep them by SQL text. Queries are built
 * with parameters, so the number of distinct texts stays small; the bound
 * only guards against unusual query shapes (e.g. long IN lists).
 */
function withStatementCache(database: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => database.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (statement === undefined) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
        statement = database.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * Several processes may open the same file at once. Kysely's SQLite migration
 * lock is in-process only, and a deferred transaction that must upgrade to a
 * write lock fails with SQLITE_BUSY immediately (busy_timeout cannot help), so
 * retry: the winner's migrations make the loser's run a no-op.
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
