// Entry point of the storage platform: picks a backend from a URL, connects
// and brings the schema up to date with the given migrations.
import type { ModuleMigrations } from "./migrations.js";
import type { PostgresOptions } from "./postgres/open.js";
import type { SqlDatabase } from "./seam.js";
import type { SqliteOptions } from "./sqlite/open.js";

export type OpenDatabaseOptions = SqliteOptions & PostgresOptions;

/**
 * `sqlite:./data/polar.db` (relative to cwd), `sqlite:/abs/path.db`,
 * `sqlite::memory:`, or `postgres://…` / `postgresql://…`. Migrations run
 * before the promise resolves.
 */
export async function openDatabase(url: string, migrations: ModuleMigrations, options: OpenDatabaseOptions = {}): Promise<SqlDatabase> {
  // Each backend loads only its own driver, so a CLI command does not pay for both.
  if (url.startsWith("sqlite:"))
    return (await import("./sqlite/open.js")).openSqlite(url.slice("sqlite:".length), migrations.sqlite, options);
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
    return (await import("./postgres/open.js")).openPostgres(url, migrations.postgres, options);
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  throw new Error(
    `unsupported storage URL ${scheme ? `scheme "${scheme}:"` : `"${url}"`}; use sqlite:<path>, sqlite::memory: or postgres://…`,
  );
}
