import { sql, type SqlBool } from "kysely";
import type { UniqueField } from "../types.js";
import type { Codec, DialectFragments, SortColumn } from "../kysely/fragments.js";
import { stringifyJson } from "../../schema/floats.js";

const codec: Codec = {
  time: (value) => new Date(value.getTime()),
  // node-postgres already parses timestamptz into Date.
  readTime: (value) => (value instanceof Date ? value : new Date(value as string)),
  bool: (value) => value,
  readBool: (value) => value === true,
  // Sent as JSON text: node-postgres would turn a JS array into a PG array literal.
  json: (value) => stringifyJson(value),
  // jsonb arrives already parsed, by parseJson (see open.ts), so floats stay floats.
  readJson: (value) => value,
};

/** Partial unique indexes of migrations.ts, by the name PostgreSQL reports. */
const UNIQUE_CONSTRAINTS: Record<string, UniqueField> = {
  customers_email_live: "email",
  customers_external_id_live: "external_id",
};

function uniqueViolation(error: unknown): UniqueField | undefined {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  if (!e || e.code !== "23505" || typeof e.constraint !== "string") return undefined;
  return UNIQUE_CONSTRAINTS[e.constraint];
}

export const postgresFragments: DialectFragments = {
  name: "postgres",
  codec,
  // The exact LIKE re-check is itself served by the pg_trgm GIN index.
  searchCandidates: () => undefined,
  organizationIn(organizationIds) {
    return sql<SqlBool>`${sql.ref("customers.organization_id")} in (${sql.join(organizationIds)})`;
  },
  metadataIn(key, values) {
    // ->> renders strings unquoted, booleans as true/false and numbers in JSON form.
    return sql<SqlBool>`(customers.metadata ->> ${key}) in (${sql.join(values)})`;
  },
  orderBy(column: SortColumn, descending) {
    // PostgreSQL's defaults already put NULLs last ascending and first descending;
    // key columns are COLLATE "C", so comparison is bytewise like SQLite's BINARY.
    return [sql`${sql.ref(`customers.${column}`)} ${sql.raw(descending ? "desc" : "asc")}`];
  },
  uniqueViolation,
};
