// `metadata[key]=value` list filters over a module's JSON metadata column,
// written once for both backends: the stored value rendered as text (strings
// unquoted, numbers as written, booleans as true/false) is one of the values.
import { sql, type Expression, type SqlBool } from "kysely";
import type { DialectName } from "./seam.js";

const never = sql<SqlBool>`1 = 0`;

export function metadataMatches(
  dialect: DialectName,
  column: string,
  filters: Record<string, string[]> | undefined,
): Expression<SqlBool>[] {
  const ref = sql.ref(column);
  return Object.entries(filters ?? {}).map(([key, values]) => {
    if (values.length === 0 || [key, ...values].some((text) => text.includes("\u0000"))) return never;
    if (dialect === "postgres") return sql<SqlBool>`(${ref} ->> ${key}) in (${sql.join(values)})`;
    return sql<SqlBool>`exists (select 1 from json_each(${ref}) as m where m.key = ${key} and (case when m.type = 'text' then m.value else ${ref} -> m.fullkey end) in (${sql.join(values)}))`;
  });
}
