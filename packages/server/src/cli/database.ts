// Where a command's database is, said explicitly: every error names it, a
// new SQLite file is announced, and commands that only read or change
// existing data refuse to create one (a command run from the wrong folder
// would otherwise silently start a new, empty ./data/polar.db).
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { UsageError } from "../modules/accounts/index.js";
import { openStorage, type Storage } from "../storage.js";

export const DEFAULT_DATABASE_URL = "sqlite:./data/polar.db";

export interface DatabaseLocation {
  url: string;
  /** What messages show: `sqlite:/absolute/path.db`, or a URL without its password. */
  display: string;
  /** The absolute path of a SQLite file database. */
  file?: string;
}

/** Never print a database password. */
export const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");

export function locate(url: string): DatabaseLocation {
  if (url.startsWith("sqlite:")) {
    const path = url.slice("sqlite:".length);
    if (path === "" || path === ":memory:") return { url, display: url };
    const file = resolve(path);
    return { url, display: `sqlite:${file}`, file };
  }
  return { url, display: redact(url) };
}

/** A SQLite file that does not exist yet (false for PostgreSQL and :memory:). */
export const isNewFile = (location: DatabaseLocation) => location.file !== undefined && !existsSync(location.file);

export const createdNotice = (location: DatabaseLocation) => `created new database at ${location.file}`;

/** Thrown when a command would have to create the database it was meant to find. */
export function missingDatabase(location: DatabaseLocation): UsageError {
  return new UsageError(
    `no database at ${location.file}; give the right one with --database sqlite:PATH or POLAR_DATABASE_URL (\`serve\`, \`orgs create\`, \`users create\` and \`seed\` create a new one)`,
  );
}

export interface OpenOptions {
  /** May create a new SQLite file (announced on stderr); otherwise a missing file is an error. */
  create: boolean;
}

export async function withStorage<T>(location: DatabaseLocation, options: OpenOptions, work: (storage: Storage) => Promise<T>): Promise<T> {
  const isNew = isNewFile(location);
  if (isNew && !options.create) throw missingDatabase(location);
  const storage = await openStorage(location.url);
  if (isNew) process.stderr.write(`polar-customers: ${createdNotice(location)}\n`);
  try {
    return await work(storage);
  } finally {
    await storage.close();
  }
}
