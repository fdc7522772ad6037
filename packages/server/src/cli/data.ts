// `seed`, `db reset` and `db backup`: whole-database operations.
import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "../modules/accounts/index.js";
import { TestClocks } from "../modules/test-clock/index.js";
import { parseJson } from "../platform/schema/floats.js";
import { emptyAllTables } from "../platform/storage/empty.js";
import { seedDocument, type SeedReport } from "../fixtures.js";
import { missingDatabase, withStorage, type DatabaseLocation } from "./database.js";

export async function seedFile(location: DatabaseLocation, file: string): Promise<SeedReport> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read seed file ${resolve(file)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let document: unknown;
  try {
    // Keeps `1.0` a float in metadata, as the API does.
    document = parseJson(text);
  } catch (error) {
    throw new UsageError(`seed file ${resolve(file)} is not valid JSON: ${(error as Error).message}`);
  }
  return withStorage(location, { create: true }, async (storage) => {
    // An organization whose test clock was advanced gets its resources at its own time, as the API would.
    const clocks = new TestClocks();
    await clocks.refresh(storage.testClocks);
    return seedDocument(storage, document, clocks);
  });
}

export async function resetDatabase(location: DatabaseLocation): Promise<{ emptied: string[] }> {
  return withStorage(location, { create: false }, async (storage) => ({ emptied: await emptyAllTables(storage.database) }));
}

export async function backupDatabase(location: DatabaseLocation, target: string): Promise<{ backup: string; bytes: number }> {
  if (!location.url.startsWith("sqlite:")) throw new UsageError("db backup is for SQLite databases; back up PostgreSQL with pg_dump");
  if (location.file === undefined) throw new UsageError("an in-memory database cannot be backed up");
  if (!existsSync(location.file)) throw missingDatabase(location);
  const destination = resolve(target);
  if (existsSync(destination)) throw new UsageError(`${destination} already exists; choose a new file name`);
  const { backupSqlite } = await import("../platform/storage/sqlite/backup.js");
  backupSqlite(location.file, destination);
  return { backup: destination, bytes: statSync(destination).size };
}
