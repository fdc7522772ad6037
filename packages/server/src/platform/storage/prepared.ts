// Kysely rebuilds and recompiles a query's SQL on every call; for a primary
// key lookup that costs more than running it. A prepared shape is compiled
// once with placeholder values, and each call only substitutes parameters.

import { CompiledQuery, type Compilable } from "kysely";
import type { AnyKysely } from "./seam.js";

/**
 * Runs a hot read outside Kysely's per-query machinery. SQLite provides one on
 * a separate read-only connection (WAL readers see committed data only), so
 * hot reads neither wait behind nor peek into a write transaction; PostgreSQL
 * uses named prepared statements on the shared pool.
 */
export interface DirectReader {
  all(sql: string, parameters: readonly unknown[]): unknown[] | Promise<unknown[]>;
  /** A value that changes whenever anything is committed (by any connection); absent when the backend has no cheap one. */
  changeMark?(): unknown;
  close(): void;
}

const placeholder = (index: number) => `\u0000prepared-parameter-${index}\u0000`;

export class PreparedQuery<Row, Args extends unknown[]> {
  private readonly sql: string;
  /** For each compiled parameter: the argument index it comes from, or -1 for a constant. */
  private readonly sources: number[];
  private readonly constants: readonly unknown[];

  constructor(
    private readonly db: AnyKysely,
    private readonly reader: DirectReader | undefined,
    arity: number,
    build: (...args: string[]) => Compilable<Row>,
  ) {
    const placeholders = Array.from({ length: arity }, (_, i) => placeholder(i));
    const compiled = build(...placeholders).compile();
    this.sql = compiled.sql;
    this.constants = compiled.parameters;
    this.sources = compiled.parameters.map((p) => placeholders.indexOf(p as string));
    if (new Set(this.sources.filter((s) => s >= 0)).size !== arity)
      throw new Error("prepared query does not use every argument exactly once");
  }

  async execute(...args: Args): Promise<Row[]> {
    const parameters = this.sources.map((source, i) => (source >= 0 ? args[source] : this.constants[i]));
    if (this.reader) return (await this.reader.all(this.sql, parameters)) as Row[];
    const result = await this.db.executeQuery<Row>(CompiledQuery.raw(this.sql, parameters));
    return result.rows;
  }
}
