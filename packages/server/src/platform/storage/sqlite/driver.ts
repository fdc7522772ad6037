// A Kysely driver for better-sqlite3 that never waits for a lock on the main
// thread. Kysely's own SqliteDriver runs everything on one connection behind a
// mutex, and relies on busy_timeout, which makes SQLite sleep synchronously:
// one request waiting for another process's write lock froze every request.
//
// Here:
// - a write transaction takes the write lock up front (BEGIN IMMEDIATE) and,
//   while another connection or process holds it, retries on a timer with
//   backoff until the deadline, then fails with SQLITE_BUSY (a 503 upstream);
// - a single write statement outside a transaction retries the same way (a
//   statement that failed with SQLITE_BUSY changed nothing);
// - reads outside a transaction run on the read-only connection (WAL: readers
//   never wait for writers), so they are answered while a writer waits;
// - a rollback runs only while a transaction is open: SQLite ends the
//   transaction itself after some errors (SQLITE_FULL during COMMIT), and
//   "cannot rollback - no transaction is active" would hide the real error;
// - after a write fails for lack of space, the WAL is checkpointed into the
//   database and truncated after every write until that succeeds, and from
//   then on it is kept small: SQLite checkpoints on its own only once the WAL
//   reaches 1000 pages (4 MB), and each write adds every page it touched
//   (tens of KB with the search indexes), so on a nearly full disk the WAL
//   itself filled the space again as soon as it came back.

import type BetterSqlite3 from "better-sqlite3";
import {
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from "kysely";

export interface SqliteConnections {
  writer: BetterSqlite3.Database;
  /** Read-only connection to the same file; absent for `:memory:`, whose data only the writer sees. */
  reader?: BetterSqlite3.Database;
  /** How long a write waits for another connection's lock before failing (ms). */
  lockDeadlineMs: number;
}

const STATEMENT_CACHE_SIZE = 500;
const FIRST_RETRY_MS = 2;
const MAX_RETRY_MS = 50;
/** WAL size (pages of 4 KB) that triggers a checkpoint once the disk has been found full. */
const LOW_SPACE_WAL_PAGES = 16;

/**
 * Kysely prepares every query anew, and preparing costs more than running a
 * point lookup. better-sqlite3 statements are reusable (nothing here iterates
 * one while running another), so keep them by SQL text. Queries are built with
 * parameters, so the number of distinct texts stays small; the bound only
 * guards against unusual query shapes (e.g. long IN lists).
 */
class StatementCache {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  constructor(private readonly database: BetterSqlite3.Database) {}

  get(sql: string): BetterSqlite3.Statement {
    let statement = this.statements.get(sql);
    if (statement === undefined) {
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.clear();
      statement = this.database.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

const isBusy = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
};
const isOutOfSpace = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_FULL" || code === "SQLITE_IOERR_WRITE" || code === "SQLITE_IOERR_SHMSIZE";
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function run(statement: BetterSqlite3.Statement, parameters: readonly unknown[]): QueryResult<unknown> {
  if (statement.reader) return { rows: statement.all(parameters) };
  const { changes, lastInsertRowid } = statement.run(parameters);
  return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
}

/** One writer at a time on the write connection: a whole transaction, or one write statement. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();

  async lock(): Promise<() => void> {
    let release!: () => void;
    const previous = this.tail;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return release;
  }
}

class SqliteSession implements DatabaseConnection {
  /** Set while this session owns the write connection (between BEGIN and COMMIT/ROLLBACK). */
  unlock: (() => void) | undefined;
  /** Checkpoint once the transaction has ended: it ran out of space, or committed while the WAL still needs reclaiming. */
  reclaimAfter = false;

  constructor(private readonly driver: NonBlockingSqliteDriver) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.driver.execute(this, query) as Promise<QueryResult<R>>;
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error("streaming is not supported by this SQLite driver");
  }
}

export class NonBlockingSqliteDriver implements Driver {
  private readonly writes = new Mutex();
  private readonly writerStatements: StatementCache;
  private readonly readerStatements: StatementCache | undefined;
  /** Set by a write that ran out of space; cleared by a complete checkpoint. */
  private walNeedsReclaim = false;

  constructor(private readonly connections: SqliteConnections) {
    this.writerStatements = new StatementCache(connections.writer);
    this.readerStatements = connections.reader && new StatementCache(connections.reader);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new SqliteSession(this);
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const session = connection as SqliteSession;
    session.unlock = await this.writes.lock();
    try {
      await this.retryingBusy(() => this.writerStatements.get("begin immediate").run());
    } catch (error) {
      this.release(session);
      throw error;
    }
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      this.writerStatements.get("commit").run();
      if (this.walNeedsReclaim) (connection as SqliteSession).reclaimAfter = true;
    } catch (error) {
      if (isOutOfSpace(error)) this.outOfSpace(connection as SqliteSession);
      throw error;
    }
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    void connection;
    if (this.connections.writer.inTransaction) this.writerStatements.get("rollback").run();
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    this.release(connection as SqliteSession);
  }

  async destroy(): Promise<void> {
    this.connections.reader?.close();
    this.connections.writer.close();
  }

  async execute(session: SqliteSession, query: CompiledQuery): Promise<QueryResult<unknown>> {
    const { sql, parameters } = query;
    if (session.unlock !== undefined) {
      try {
        return run(this.writerStatements.get(sql), parameters);
      } catch (error) {
        if (isOutOfSpace(error)) this.outOfSpace(session);
        throw error;
      }
    }
    const statement = this.writerStatements.get(sql);
    if (statement.readonly && this.readerStatements) return run(this.readerStatements.get(sql), parameters);
    const unlock = await this.writes.lock();
    try {
      const result = await this.retryingBusy(() => run(statement, parameters));
      if (this.walNeedsReclaim) this.reclaimWal();
      return result;
    } catch (error) {
      if (isOutOfSpace(error)) {
        this.walNeedsReclaim = true;
        this.keepWalSmall();
        this.reclaimWal();
      }
      throw error;
    } finally {
      unlock();
    }
  }

  private release(session: SqliteSession): void {
    const unlock = session.unlock;
    if (unlock === undefined) return;
    session.unlock = undefined;
    // Never hand the write connection on with a transaction open.
    if (this.connections.writer.inTransaction) {
      try {
        this.connections.writer.exec("rollback");
      } catch {
        // The failure that got us here is what the caller reports.
      }
    }
    if (session.reclaimAfter) this.reclaimWal();
    session.reclaimAfter = false;
    unlock();
  }

  /** Runs `work` (which must change nothing when it fails with SQLITE_BUSY) until it gets the lock or the deadline passes. */
  private async retryingBusy<T>(work: () => T): Promise<T> {
    const deadline = Date.now() + this.connections.lockDeadlineMs;
    for (let wait = FIRST_RETRY_MS; ; wait = Math.min(wait * 2, MAX_RETRY_MS)) {
      try {
        return work();
      } catch (error) {
        if (!isBusy(error) || this.connections.writer.inTransaction || Date.now() + wait > deadline) throw error;
      }
      await sleep(wait);
    }
  }

  private outOfSpace(session: SqliteSession): void {
    this.walNeedsReclaim = true;
    session.reclaimAfter = true;
    this.keepWalSmall();
  }

  /** For the rest of the run: checkpoint every LOW_SPACE_WAL_PAGES pages and truncate the WAL file each time. */
  private keepWalSmall(): void {
    try {
      this.connections.writer.pragma(`wal_autocheckpoint = ${LOW_SPACE_WAL_PAGES}`);
      this.connections.writer.pragma("journal_size_limit = 0");
    } catch {
      // Setting a pragma needs no space; should it fail, the checkpoints after each write still run.
    }
  }

  /**
   * A write that ran out of space leaves the WAL at its largest. Copying it
   * into the database and truncating it (outside any transaction) gives that
   * space back; while the disk is still full this fails too, and every later
   * write tries again until one checkpoint completes.
   */
  private reclaimWal(): void {
    try {
      const [result] = this.connections.writer.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
      if (result?.busy === 0) this.walNeedsReclaim = false;
    } catch {
      // Still no room: the request reports its own failure, and the next write tries again.
    }
  }
}

/** Kysely's SQLite dialect with the non-blocking driver. */
export class NonBlockingSqliteDialect implements Dialect {
  constructor(private readonly connections: SqliteConnections) {}
  createDriver(): Driver {
    return new NonBlockingSqliteDriver(this.connections);
  }
  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }
  createAdapter(): DialectAdapter {
    return new SqliteAdapter();
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
