import { sql, type SqlBool } from "kysely";
import type { UniqueField } from "../types.js";
import type { Codec, DialectFragments, SortColumn } from "../kysely/fragments.js";
import { parseJson, stringifyJson } from "../../schema/floats.js";

const codec: Codec = {
  // Integer epoch milliseconds: exact, compact and sorts numerically.
  time: (value) => value.getTime(),
  readTime: (value) => new Date(Number(value)),
  // better-sqlite3 cannot bind booleans.
  bool: (value) => (value ? 1 : 0),
  readBool: (value) => value === 1 || value === true || value === 1n,
  // JSON text that keeps floats as floats (see schema/floats.ts).
  json: (value) => stringifyJson(value),
  readJson: (value) => (typeof value === "string" ? parseJson(value) : value),
};

/** The trigram tokenizer only indexes runs of three characters or more. */
const TRIGRAM = 3;

function ftsPhrase(needle: string): string {
  return `"${needle.replace(/"/g, '""')}"`;
}

function uniqueViolation(error: unknown): UniqueField | undefined {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (!e || e.code !== "SQLITE_CONSTRAINT_UNIQUE" || typeof e.message !== "string") return undefined;
  // SQLite names the indexed columns rather than the index; only the two
  // customer partial unique indexes cover these columns.
  if (/\bcustomers\.email_key\b/.test(e.message)) return "email";
  if (/\bcustomers\.external_id\b/.test(e.message)) return "external_id";
  return undefined;
}

export const sqliteFragments: DialectFragments = {
  name: "sqlite",
  codec,
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
  orderBy(column: SortColumn, descending) {
    const ref = sql.ref(`customers.${column}`);
    const dir = sql.raw(descending ? "desc" : "asc");
    if (column === "email_key" || column === "name_key") {
      // `(x is null)` first mirrors PostgreSQL's NULL placement and matches the
      // expression indexes created in migrations.ts.
      return [sql`(${ref} is null) ${dir}`, sql`${ref} ${dir}`];
    }
    return [sql`${ref} ${dir}`];
  },
  uniqueViolation,
};
