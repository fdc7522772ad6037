// Generated data sets are cached: for SQLite a database file under
// bench/.data/ that each run copies (writes mutate it), for PostgreSQL a
// template database that each run clones with CREATE DATABASE … TEMPLATE
// (a file copy, much faster than restoring a dump). The cache key covers the
// data generator and the schema/row code, so a changed schema reseeds.
import { spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { openStorage } from "../../src/storage.js";
import { DATASET_VERSION, planFor, type Sample } from "./dataset.js";
import { seed } from "./seed.js";

export type Backend = "sqlite" | "postgres";

export const DATA_DIR = fileURLToPath(new URL("../.data", import.meta.url));
const SRC_DIR = fileURLToPath(new URL("../../src", import.meta.url));
const BIN = fileURLToPath(new URL("../../bin/polar-customers.js", import.meta.url));
export const ADMIN_URL =
  process.env.POLAR_BENCH_POSTGRES_URL ?? process.env.POLAR_TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface DatasetMeta {
  key: string;
  backend: Backend;
  size: number;
  rows: number;
  seedSeconds: number;
  seededAt: string;
  organizationId: string;
  /** An organization token with every scope, created with `polar-customers tokens create`. */
  token: string;
  sample: Sample;
  /** Customers with a full state (3 subscriptions, 5 grants). */
  stateIds: string[];
}

export interface RunDatabase {
  url: string;
  meta: DatasetMeta;
  /** True when this run generated the data set (its seed rate was measured now). */
  fresh: boolean;
  /** Whether the planner has statistics for the customers table right now. */
  hasStatistics(): Promise<boolean>;
  drop(): Promise<void>;
}

/** Files whose changes make a cached data set stale: the generator, and the storage schema and row mapping wherever they live. */
function cacheKey(): string {
  const hash = createHash("sha256").update(`dataset ${DATASET_VERSION}\n`);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (
        /(migrations|rows|schema|tables)\.ts$/.test(entry.name) &&
        !path.includes(`${SRC_DIR}/platform/schema/`) &&
        !path.includes("/tests/")
      )
        files.push(path);
    }
  };
  walk(SRC_DIR);
  for (const file of [
    ...files.sort(),
    fileURLToPath(new URL("./dataset.ts", import.meta.url)),
    fileURLToPath(new URL("./seed.ts", import.meta.url)),
    fileURLToPath(new URL("./state-fixture.ts", import.meta.url)),
  ]) {
    hash.update(file.slice(SRC_DIR.length)).update(readFileSync(file));
  }
  return hash.digest("hex").slice(0, 10);
}

function createToken(databaseUrl: string, organizationId: string): string {
  const result = spawnSync(process.execPath, [BIN, "tokens", "create", "--org", organizationId, "--database", databaseUrl], {
    encoding: "utf8",
  });
  const token = result.stdout.trim();
  if (result.status !== 0 || !token.startsWith("polar_oat_")) throw new Error(`tokens create failed: ${result.stderr}`);
  return token;
}

const progressLine = (label: string) => (rows: number, total: number) => {
  if (rows % 50_000 === 0 || rows === total) process.stderr.write(`  seeding ${label}: ${rows}/${total}\r`);
};

async function seedInto(
  databaseUrl: string,
  backend: Backend,
  size: number,
  key: string,
  afterMigrations?: () => Promise<void>,
): Promise<DatasetMeta> {
  const storage = await openStorage(databaseUrl);
  let result;
  try {
    await afterMigrations?.();
    result = await seed(storage, planFor(size), progressLine(`${backend} ${size}`));
  } finally {
    await storage.close();
  }
  process.stderr.write("\n");
  const token = createToken(databaseUrl, result.organizationId);
  return {
    key,
    backend,
    size,
    rows: result.rows,
    seedSeconds: result.seconds,
    seededAt: new Date().toISOString(),
    organizationId: result.organizationId,
    token,
    sample: result.sample,
    stateIds: result.stateIds,
  };
}

const metaPath = (backend: Backend, size: number, key: string) => join(DATA_DIR, `${backend}-${size}-${key}.json`);

function readMeta(backend: Backend, size: number, key: string): DatasetMeta | undefined {
  const path = metaPath(backend, size, key);
  return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as DatasetMeta) : undefined;
}

/** Removes cached data sets of this backend and size made by other generator or schema versions. */
function dropStaleFiles(backend: Backend, size: number, key: string): void {
  if (!existsSync(DATA_DIR)) return;
  for (const name of readdirSync(DATA_DIR)) {
    if (name.startsWith(`${backend}-${size}-`) && !name.startsWith(`${backend}-${size}-${key}`))
      rmSync(join(DATA_DIR, name), { force: true });
  }
}

// SQLite ---------------------------------------------------------------------

async function sqliteDataset(size: number, reseed: boolean): Promise<RunDatabase> {
  const key = cacheKey();
  mkdirSync(join(DATA_DIR, "run"), { recursive: true });
  dropStaleFiles("sqlite", size, key);
  const cached = join(DATA_DIR, `sqlite-${size}-${key}.db`);
  let meta = reseed ? undefined : readMeta("sqlite", size, key);
  let fresh = false;
  if (!meta || !existsSync(cached)) {
    const partial = `${cached}.partial`;
    for (const f of [partial, `${partial}-wal`, `${partial}-shm`]) rmSync(f, { force: true });
    meta = await seedInto(`sqlite:${partial}`, "sqlite", size, key);
    // Closing the last connection checkpoints the WAL into the file; a leftover WAL would mean a partial copy.
    if (existsSync(`${partial}-wal`) && statSync(`${partial}-wal`).size > 0) throw new Error(`${partial}-wal was not checkpointed`);
    renameSync(partial, cached);
    writeFileSync(metaPath("sqlite", size, key), JSON.stringify(meta));
    fresh = true;
  }
  const copy = join(DATA_DIR, "run", `sqlite-${size}.db`);
  const removeCopy = () => {
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`]) rmSync(f, { force: true });
  };
  removeCopy();
  copyFileSync(cached, copy);
  return {
    url: `sqlite:${copy}`,
    meta,
    fresh,
    async hasStatistics() {
      const { default: Sqlite } = await import("better-sqlite3");
      const db = new Sqlite(copy, { readonly: true, fileMustExist: true });
      try {
        const table = db.prepare("select 1 from sqlite_master where name = 'sqlite_stat1'").get();
        return table !== undefined && db.prepare("select 1 from sqlite_stat1 where tbl = 'customers' limit 1").get() !== undefined;
      } finally {
        db.close();
      }
    },
    async drop() {
      removeCopy();
    },
  };
}

// PostgreSQL -----------------------------------------------------------------

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>, url = ADMIN_URL): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`PostgreSQL unreachable at ${new URL(url).host} (set POLAR_BENCH_POSTGRES_URL): ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const databaseUrl = (name: string) => {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

async function dropDatabase(client: pg.Client, name: string): Promise<void> {
  await client.query(`alter database "${name}" is_template false`).catch(() => {});
  await client.query(`drop database if exists "${name}" with (force)`);
}

async function postgresDataset(size: number, reseed: boolean): Promise<RunDatabase> {
  const key = cacheKey();
  mkdirSync(DATA_DIR, { recursive: true });
  dropStaleFiles("postgres", size, key);
  const template = `polar_bench_tpl_${size}_${key}`;
  // Templates of other keys are left alone: another worktree may be benchmarking with them (`--clean` drops them all).
  const existing = await withAdmin(async (c) => (await c.query("select 1 from pg_database where datname = $1", [template])).rowCount! > 0);
  let meta = reseed ? undefined : readMeta("postgres", size, key);
  let fresh = false;
  if (!meta || !existing) {
    await withAdmin(async (c) => {
      await dropDatabase(c, template);
      await c.query(`create database "${template}"`);
    });
    // Autovacuum would ANALYZE the template while it loads, and the clones would inherit those
    // statistics; each clone turns autovacuum back on, so it starts as a fresh bulk load does.
    meta = await seedInto(databaseUrl(template), "postgres", size, key, () =>
      withAdmin((c) => c.query("alter table customers set (autovacuum_enabled = false)").then(() => {}), databaseUrl(template)),
    );
    await withAdmin((c) => c.query(`alter database "${template}" with is_template true allow_connections false`));
    writeFileSync(metaPath("postgres", size, key), JSON.stringify(meta));
    fresh = true;
  }
  const name = `polar_bench_run_${size}_${randomBytes(4).toString("hex")}`;
  await withAdmin((c) => c.query(`create database "${name}" template "${template}" strategy file_copy`));
  const url = databaseUrl(name);
  await withAdmin((c) => c.query("alter table customers reset (autovacuum_enabled)"), url);
  return {
    url,
    meta,
    fresh,
    hasStatistics: () =>
      withAdmin(async (c) => {
        const r = await c.query("select 1 from pg_stats where schemaname = 'public' and tablename = 'customers' limit 1");
        return r.rowCount! > 0;
      }, url),
    drop: () => withAdmin((c) => dropDatabase(c, name)),
  };
}

/** `--clean`: drops every cached data set (files here, and all polar_bench_* databases on the PostgreSQL server). */
export async function cleanCaches(): Promise<void> {
  rmSync(DATA_DIR, { recursive: true, force: true });
  await withAdmin(async (c) => {
    const rows = (await c.query<{ datname: string }>("select datname from pg_database where datname like 'polar\\_bench\\_%'")).rows;
    for (const { datname } of rows) await dropDatabase(c, datname);
  }).catch((error) => process.stderr.write(`bench: PostgreSQL caches not cleaned: ${(error as Error).message}\n`));
}

export function prepareDatabase(backend: Backend, size: number, reseed: boolean): Promise<RunDatabase> {
  return backend === "sqlite" ? sqliteDataset(size, reseed) : postgresDataset(size, reseed);
}
