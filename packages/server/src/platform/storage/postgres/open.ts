import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { migrateToLatest } from "../migrate.js";
import type { MigrationSteps } from "../migrations.js";
import { KyselyDatabase } from "../database.js";
import type { DirectReader } from "../prepared.js";
import { coalescedSnapshots } from "./change-mark.js";
import type { AnyKysely } from "../seam.js";
import { postgresDialect } from "./codec.js";
import { parseJson } from "../../schema/floats.js";

export interface PostgresOptions {
  /** Maximum pooled connections (default 10). */
  poolSize?: number;
  /** How long to wait for a connection, new or from the pool, before answering 503 (ms, default 5000). */
  connectionTimeoutMs?: number;
  /** How long one statement may run before it is cancelled and answered with 503 (ms, default 20000). */
  statementTimeoutMs?: number;
}

export const DEFAULT_CONNECTION_TIMEOUT_MS = 5000;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 20_000;

const JSON_TYPES = new Set([114 /* json */, 3802 /* jsonb */]);

/** node-postgres parses json/jsonb with JSON.parse, which forgets that `1.0` was a float. */
function getTypeParser(oid: number, format?: "text" | "binary") {
  if (JSON_TYPES.has(oid) && format !== "binary") return (text: string) => parseJson(text);
  return pg.types.getTypeParser(oid, format);
}

/** Arbitrary but fixed: every instance of this server serializes migrations on it. */
const MIGRATION_LOCK_KEY = 7_305_915_024_118_337n;

export async function openPostgres(url: string, migrations: MigrationSteps, options: PostgresOptions = {}): Promise<KyselyDatabase> {
  const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    types: { getTypeParser },
    // Bounds both connecting to an unreachable server and waiting for a free pooled client.
    connectionTimeoutMillis: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    // The server cancels a statement running too long; the client gives up a little later on a
    // server that stopped answering without closing the connection.
    statement_timeout: statementTimeoutMs,
    query_timeout: statementTimeoutMs + 5000,
    keepAlive: true,
  });
  // A client losing its connection emits 'error': on the pool while idle, on
  // the client itself while checked out (mid-transaction, say). Unheard, either
  // would crash the process. The failing query reports the error to its
  // request (503), and pg-pool discards the broken client when it is released,
  // so the pool reconnects by itself once the server is back.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  const db: AnyKysely = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrateLocked(db, migrations);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  void analyzeTablesWithoutStatistics(pool);
  return new KyselyDatabase(db, postgresDialect, namedStatementReader(pool));
}

const ANALYZE_LOCK_KEY = 7_305_915_024_118_338n;

/**
 * A database restored, cloned or bulk-loaded without ANALYZE has no planner
 * statistics until autovacuum gets to it (if it runs at all), and without them
 * PostgreSQL may sort a whole organization for a first page. Gather them for
 * such tables in the background, so startup does not wait; one server
 * instance does it (the others skip while it holds the lock), and closing the
 * pool waits for it to finish.
 */
async function analyzeTablesWithoutStatistics(pool: pg.Pool): Promise<void> {
  try {
    const client = await pool.connect();
    try {
      const { rows } = await client.query<{ locked: boolean }>(`select pg_try_advisory_lock(${ANALYZE_LOCK_KEY}) as locked`);
      if (!rows[0].locked) return;
      try {
        const missing = await client.query<{ name: string }>(
          `select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
           where n.nspname = current_schema() and c.relkind = 'r' and pg_relation_size(c.oid) > 0
             and not exists (select 1 from pg_statistic s where s.starelid = c.oid)`,
        );
        for (const { name } of missing.rows) await client.query(`analyze ${name}`);
      } finally {
        await client.query(`select pg_advisory_unlock(${ANALYZE_LOCK_KEY})`);
      }
    } finally {
      client.release();
    }
  } catch {
    // Statistics only make plans better; the server works without them (and the pool may be closing).
  }
}

/**
 * Hot point reads as named (server-side prepared) statements: PostgreSQL then
 * parses and plans each shape once per connection instead of on every call.
 * node-postgres remembers per connection which names it has prepared, so a
 * connection opened after an outage prepares them again on first use.
 */
const CHANGE_MARK = { name: "polar_change_mark", text: "select pg_current_snapshot()::text as mark" };

function namedStatementReader(pool: pg.Pool): DirectReader {
  const names = new Map<string, string>();
  return {
    async all(text, values) {
      let name = names.get(text);
      if (name === undefined) {
        name = `polar_read_${names.size}`;
        names.set(text, name);
      }
      const result = await pool.query({ name, text, values: values as unknown[] });
      return result.rows;
    },
    // See answer-memo.ts: equal snapshots see the same committed transactions.
    changeMark: coalescedSnapshots(async () => (await pool.query<{ mark: string }>(CHANGE_MARK)).rows[0].mark),
    close: () => {},
  };
}

/**
 * Several server instances may start at once. A session advisory lock held on
 * one connection for the whole run (including creating the migration tables
 * and the pg_trgm extension) makes them take turns; later ones find nothing to do.
 */
async function migrateLocked(db: AnyKysely, migrations: MigrationSteps): Promise<void> {
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(conn);
    try {
      // New tables and indexes start without planner statistics, and autovacuum may be off:
      // gather them now rather than let the first large table be planned blind.
      if ((await migrateToLatest(conn, migrations)) > 0) await sql`analyze`.execute(conn);
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(conn);
    }
  });
}
