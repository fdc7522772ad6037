// Where the customers queries need different SQL on SQLite and PostgreSQL:
// substring search, organization scoping, metadata filters and NULL ordering.
// Everything else in this module is written once.
import { sql, type Expression, type RawBuilder, type SqlBool } from "kysely";
import type { DialectName, UniqueIndex } from "../../platform/storage/seam.js";
import { escapeLike } from "../../platform/storage/keys.js";
import type { UniqueField } from "./store.js";

export type SortColumn = "created_at" | "email_key" | "name_key" | "id";

export interface CustomerSql {
  /**
   * Optional index-backed pre-filter for the `query` search, given the
   * lower-cased needle. The caller always re-checks candidates exactly, so this
   * may over-match; undefined means "no narrowing, scan".
   */
  searchCandidates(needle: string, organizationIds: readonly string[]): Expression<SqlBool> | undefined;
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
}

/** The partial unique indexes of migrations.ts. */
export const CUSTOMER_UNIQUE_INDEXES: readonly UniqueIndex<UniqueField>[] = [
  { name: "customers_email_live", table: "customers", columns: ["organization_id", "email_key"], field: "email" },
  { name: "customers_external_id_live", table: "customers", columns: ["organization_id", "external_id"], field: "external_id" },
];

/**
 * `organization_id:value`, matching the expression indexes of migrations.ts
 * (organization ids are UUIDs, so the colon is unambiguous). Point lookups
 * within organizations compare this expression only.
 */
export const LOOKUP_KEY = {
  email_key: sql<string>`(customers.organization_id || ':' || customers.email_key)`,
  external_id: sql<string>`(customers.organization_id || ':' || customers.external_id)`,
};

export const lookupKey = (organizationId: string, value: string) => `${organizationId}:${value}`;

/** The trigram tokenizer only indexes runs of three characters or more. */
const TRIGRAM = 3;

const ftsPhrase = (needle: string) => `"${needle.replace(/"/g, '""')}"`;

const sqlite: CustomerSql = {
  searchCandidates(needle) {
    if ([...needle].length < TRIGRAM) return undefined;
    // Keys are lower-cased in JS and the tokenizer is case-sensitive, so the
    // trigram match is a plain substring test on the same bytes.
    return sql<SqlBool>`customers.seq in (select rowid from customers_fts where customers_fts match ${ftsPhrase(needle)})`;
  },
  organizationIn(organizationIds, searchDriven) {
    // Unary + hides the column from the planner, which otherwise prefers the
    // (organization_id, …) indexes and re-checks every customer of the organization
    // against the FTS result instead of looking up the few FTS hits by rowid.
    const column = searchDriven ? sql`+customers.organization_id` : sql.ref("customers.organization_id");
    return sql<SqlBool>`${column} in (${sql.join(organizationIds)})`;
  },
  metadataIn(key, values) {
    // `->` on the entry's own path yields the stored JSON text (numbers exactly
    // as written, true/false); strings are compared unquoted.
    return sql<SqlBool>`exists (select 1 from json_each(customers.metadata) as m where m.key = ${key} and (case when m.type = 'text' then m.value else customers.metadata -> m.fullkey end) in (${sql.join(values)}))`;
  },
  orderBy(column, descending) {
    const ref = sql.ref(`customers.${column}`);
    const dir = sql.raw(descending ? "desc" : "asc");
    if (column === "email_key" || column === "name_key") {
      // `(x is null)` first mirrors PostgreSQL's NULL placement and matches the
      // expression indexes created in migrations.ts.
      return [sql`(${ref} is null) ${dir}`, sql`${ref} ${dir}`];
    }
    return [sql`${ref} ${dir}`];
  },
};

/**
 * The substring-searched keys as one text, exactly the expression of the
 * customers_search_text_trgm index (migrations.ts). A match may straddle a
 * separator; the exact re-check removes such candidates.
 */
const SEARCH_TEXT = sql`(coalesce(customers.email_key, '') || E'\\n' || coalesce(customers.name_key, '') || E'\\n' || coalesce(customers.billing_name_key, ''))`;

/** `organization_id:external_id_key`, the expression of the customers_external_id_key_prefix index (migrations.ts). */
const EXTERNAL_ID_KEY_PREFIX = sql`(customers.organization_id || ':' || customers.external_id_key)`;

const postgres: CustomerSql = {
  searchCandidates(needle, organizationIds) {
    // pg_trgm extracts nothing from a needle shorter than a trigram: the index could not narrow.
    if ([...needle].length < TRIGRAM) return undefined;
    const escaped = escapeLike(needle);
    // One trigram index scan for the substring columns, a B-tree range per organization for
    // the external id prefix (organization ids are UUIDs: no LIKE metacharacters).
    const prefixes = organizationIds.map((id) => sql<SqlBool>`${EXTERNAL_ID_KEY_PREFIX} like ${`${id}:${escaped}%`} escape '/'`);
    return sql<SqlBool>`(${SEARCH_TEXT} like ${`%${escaped}%`} escape '/' or ${sql.join(prefixes, sql` or `)})`;
  },
  organizationIn(organizationIds, searchDriven) {
    // As on SQLite: hidden behind an expression when the search indexes drive the query, so
    // that no planner (statistics or not) walks the whole organization re-checking the search.
    const column = searchDriven ? sql`(customers.organization_id || '')` : sql.ref("customers.organization_id");
    return sql<SqlBool>`${column} in (${sql.join(organizationIds)})`;
  },
  metadataIn(key, values) {
    // ->> renders strings unquoted, booleans as true/false and numbers in JSON form.
    return sql<SqlBool>`(customers.metadata ->> ${key}) in (${sql.join(values)})`;
  },
  orderBy(column, descending) {
    // PostgreSQL's defaults already put NULLs last ascending and first descending;
    // key columns are COLLATE "C", so comparison is bytewise like SQLite's BINARY.
    return [sql`${sql.ref(`customers.${column}`)} ${sql.raw(descending ? "desc" : "asc")}`];
  },
};

export const CUSTOMER_SQL: Record<DialectName, CustomerSql> = { sqlite, postgres };
