// How PostgreSQL stores our values, and what its errors say.
import type { Codec } from "../codec.js";
import type { Dialect, UniqueViolationReport } from "../seam.js";
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

/** PostgreSQL reports the violated index by name (error code 23505). */
function uniqueViolation(error: unknown): UniqueViolationReport | undefined {
  const e = error as { code?: unknown; constraint?: unknown } | null;
  if (!e || e.code !== "23505") return undefined;
  return typeof e.constraint === "string" ? { index: e.constraint } : {};
}

export const postgresDialect: Dialect = { name: "postgres", codec, uniqueViolation };
