// The few places where SQLite and PostgreSQL need different SQL or value
// encodings. Everything else in kysely/ is written once against this.
import type { Expression, RawBuilder, SqlBool } from "kysely";
import type { UniqueField } from "../types.js";
import type { BoolValue, JsonValue, TimeValue } from "./schema.js";

export type SortColumn = "created_at" | "email_key" | "name_key" | "id";

export interface Codec {
  time(value: Date): TimeValue;
  readTime(value: unknown): Date;
  bool(value: boolean): BoolValue;
  readBool(value: unknown): boolean;
  json(value: unknown): JsonValue;
  readJson(value: unknown): unknown;
}

export interface DialectFragments {
  readonly name: "sqlite" | "postgres";
  readonly codec: Codec;
  /**
   * Optional index-backed pre-filter for the `query` search, given the
   * lower-cased needle. The caller always re-checks candidates exactly, so this
   * may over-match; undefined means "no narrowing, scan".
   */
  searchCandidates(needle: string): Expression<SqlBool> | undefined;
  /**
   * Organization scoping. `searchDriven` is set when searchCandidates() narrowed
   * the query: the planner should then start from the search index rather than
   * walk every customer of the organization in an index.
   */
  organizationIn(organizationIds: readonly string[], searchDriven: boolean): Expression<SqlBool>;
  /** Metadata value at `key`, rendered as text (see ListCustomersQuery.metadata), is one of `values`. */
  metadataIn(key: string, values: readonly string[]): Expression<SqlBool>;
  /** ORDER BY terms for one column with PostgreSQL's null placement (last ascending, first descending). */
  orderBy(column: SortColumn, descending: boolean): RawBuilder<unknown>[];
  /** Which customer uniqueness rule a driver error violated, if it is one. */
  uniqueViolation(error: unknown): UniqueField | undefined;
}
