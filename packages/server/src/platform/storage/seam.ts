// The storage seam that every module's store is written against: a Kysely
// handle, the dialect it speaks, and a unit of work. Modules own their tables
// and SQL; the platform owns connections, transactions, codecs and migrations.
//
// Rules every backend follows:
// - Times are `Date` objects (millisecond precision) in and out.
// - A database that cannot be used right now (down, locked past the deadline,
//   disk full) surfaces as `StorageUnavailable`, never as a driver error.
// - Uniqueness is the database's job (unique indexes). A violation surfaces as
//   `UniqueViolationError` naming the module's field, never as a driver error,
//   and leaves nothing written.

import type { Kysely } from "kysely";
import type { UnavailableReason } from "../errors.js";
import type { Codec } from "./codec.js";
import type { DirectReader } from "./prepared.js";

export type DialectName = "sqlite" | "postgres";

/** What a driver error says about a violated unique index: PostgreSQL names the index, SQLite lists its columns. */
export interface UniqueViolationReport {
  index?: string;
  /** `table.column` names, in index order. */
  columns?: readonly string[];
}

export interface Dialect {
  readonly name: DialectName;
  readonly codec: Codec;
  uniqueViolation(error: unknown): UniqueViolationReport | undefined;
  /** Whether a driver error means the database cannot be used right now (as opposed to a bug or a bad query). */
  unavailable(error: unknown): UnavailableReason | undefined;
}

/** Any table set: each module narrows the handle to its own tables with `db.withTables<…>()` or a cast. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKysely = Kysely<any>;

/** A connection, or an open transaction, that stores run their SQL on. */
export interface SqlContext {
  readonly db: AnyKysely;
  readonly dialect: Dialect;
  /** The hot-read path (prepared lookups); absent inside a transaction, which must read its own writes. */
  readonly reader?: DirectReader;
  readonly inTransaction: boolean;
}

export interface SqlDatabase extends SqlContext {
  /** One unit of work: everything `work` does through `tx` commits together or not at all. */
  transaction<T>(work: (tx: SqlContext) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Runs `work` atomically: inside the caller's transaction when there is one, else in a new one. */
export function atomically<T>(context: SqlContext, work: (db: AnyKysely) => Promise<T>): Promise<T> {
  if (context.inTransaction) return work(context.db);
  return context.db.transaction().execute(work);
}

export class UniqueViolationError<Field extends string = string> extends Error {
  constructor(readonly field: Field) {
    super(`unique violation on ${field}`);
    this.name = "UniqueViolationError";
  }
}

/** A module's unique index, for turning driver errors into UniqueViolationError. */
export interface UniqueIndex<Field extends string> {
  name: string;
  table: string;
  /** Indexed columns in order, as SQLite reports them. */
  columns: readonly string[];
  field: Field;
}
