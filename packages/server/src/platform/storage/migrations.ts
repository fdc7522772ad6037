// Migrations are contributed by modules and run together, in name order, on
// every start. A step is a list of single SQL statements because better-sqlite3
// prepares one statement at a time. Never edit a shipped step; add a new one.
import type { DialectName } from "./seam.js";

export type MigrationSteps = Readonly<Record<string, readonly string[]>>;

/** One module's schema history, per backend: the same step names on both. */
export type ModuleMigrations = Readonly<Record<DialectName, MigrationSteps>>;

/** Merges the modules' steps; two modules claiming one step name is a programming error. */
export function mergeMigrations(all: readonly ModuleMigrations[]): ModuleMigrations {
  const merged: Record<DialectName, Record<string, readonly string[]>> = { sqlite: {}, postgres: {} };
  for (const migrations of all) {
    for (const dialect of ["sqlite", "postgres"] as const) {
      for (const [name, statements] of Object.entries(migrations[dialect])) {
        if (name in merged[dialect]) throw new Error(`two modules define the migration step ${name}`);
        merged[dialect][name] = statements;
      }
    }
    const sqliteNames = Object.keys(migrations.sqlite).sort().join();
    const postgresNames = Object.keys(migrations.postgres).sort().join();
    if (sqliteNames !== postgresNames)
      throw new Error(`a module's SQLite and PostgreSQL migration steps differ: ${sqliteNames} vs ${postgresNames}`);
  }
  return merged;
}
