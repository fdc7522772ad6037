// `polar-customers db reset`: empties every table in one transaction and keeps
// the schema and the migration history. The tables are found in the database
// itself rather than listed by modules, so a table no module remembered to
// list cannot survive a reset.
import { sql } from "kysely";
import type { SqlDatabase } from "./seam.js";

const KEPT = /^(schema_migrations|sqlite_)/;

/** Returns the names of the tables it emptied. */
export async function emptyAllTables(database: SqlDatabase): Promise<string[]> {
  return database.dialect.name === "sqlite" ? emptySqlite(database) : emptyPostgres(database);
}

async function emptySqlite(database: SqlDatabase): Promise<string[]> {
  return database.transaction(async (tx) => {
    // Ordinary tables only: FTS shadow tables follow their content table through its triggers.
    const { rows } = await sql<{ name: string; type: string }>`select name, type from pragma_table_list where schema = 'main'`.execute(
      tx.db,
    );
    const tables = rows.filter((r) => r.type === "table" && !KEPT.test(r.name)).map((r) => r.name);
    // Foreign keys are checked at commit, when every table is empty, so the order does not matter.
    await sql`pragma defer_foreign_keys = on`.execute(tx.db);
    for (const table of tables) await sql`delete from ${sql.table(table)}`.execute(tx.db);
    return tables;
  });
}

async function emptyPostgres(database: SqlDatabase): Promise<string[]> {
  return database.transaction(async (tx) => {
    const { rows } = await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(
      tx.db,
    );
    const tables = rows.map((r) => r.name).filter((name) => !KEPT.test(name));
    // One TRUNCATE of all of them: foreign keys between them are no obstacle.
    if (tables.length > 0) await sql`truncate table ${sql.join(tables.map((t) => sql.table(t)))}`.execute(tx.db);
    return tables.sort();
  });
}
