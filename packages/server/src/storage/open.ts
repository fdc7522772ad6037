// Entry point of the storage layer: picks a backend from a URL.
import { openPostgres, type PostgresOptions } from "./postgres/open.js";
import { openSqlite, type SqliteOptions } from "./sqlite/open.js";
import type { Storage } from "./types.js";

export type OpenStorageOptions = SqliteOptions & PostgresOptions;

/**
 * `sqlite:./data/polar.db` (relative to cwd), `sqlite:/abs/path.db`,
 * `sqlite::memory:`, or `postgres://…` / `postgresql://…`. Migrations run
 * before the promise resolves.
 */
export async function openStorage(url: string, options: OpenStorageOptions = {}): Promise<Storage> {
  if (url.startsWith("sqlite:")) return openSqlite(url.slice("sqlite:".length), options);
  if (url.startsWith("postgres://") || url.startsWith("postgresql://")) return openPostgres(url, options);
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  throw new Error(
    `unsupported storage URL ${scheme ? `scheme "${scheme}:"` : `"${url}"`}; use sqlite:<path>, sqlite::memory: or postgres://…`,
  );
}
