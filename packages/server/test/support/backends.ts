// Fresh databases on each backend for one test file: SQLite files in a
// temporary folder and PostgreSQL databases of their own, all removed once
// the file's tests have run. Call it at the top level of the test file.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after } from "node:test";
import { createTestDatabase, type TestDatabase } from "./postgres.js";

export type NewDatabaseUrl = (name: string) => Promise<string>;

export function freshDatabases(prefix: string): { sqlite: NewDatabaseUrl; postgres: NewDatabaseUrl } {
  const dir = mkdtempSync(join(tmpdir(), `polar-${prefix}-`));
  const databases: TestDatabase[] = [];
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    for (const database of databases) await database.drop();
  });
  let count = 0;
  return {
    sqlite: async (name: string) => `sqlite:${join(dir, `${name}-${count++}.db`)}`,
    postgres: async () => {
      const database = await createTestDatabase();
      databases.push(database);
      return database.url;
    },
  };
}
