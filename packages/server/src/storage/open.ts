// Entry point of the storage layer: picks a backend from a URL.
import type { PostgresOptions } from "./postgres/open.js";
import type { SqliteOptions } from "./sqlite/open.js";
import type { Storage } from "./types.js";

export type OpenStorageOptions = SqliteOptions & PostgresOptions;

/**
 * `sqlite:./data/polar.db` (relative to cwd), `sqlite:/abs/path.db`,
 * `sqlite::memory:`, or `postgres://…` / `postgresql://…`. Migrations run
 * before the promise resolves.
 */
export async function openStorage(url: string, options: OpenStorageOptions = {}): Promise<Storage> {
  // Each backend loads only its own driver, so a CLI command does not pay for both.
  if (url.startsWith("sqlite:")) return (await import("./sqlite/open.js")).openSqlite(url.slice("sqlite:".length), options);
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) return (await import("./postgres/open.js")).openPostgres(url, options);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  throw new Error(
    `unsupported storage URL ${scheme ? `scheme "${scheme}:"` : `"${url}"`}; use sqlite:<path>, sqlite::memory: or postgres://…`,
  );
}
