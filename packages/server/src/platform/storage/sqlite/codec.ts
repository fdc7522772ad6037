// How SQLite stores our values, and what its errors say.
import type { Codec } from "../codec.js";
import type { UnavailableReason } from "../../errors.js";
import type { Dialect, UniqueViolationReport } from "../seam.js";
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

const UNIQUE_PREFIX = "UNIQUE constraint failed: ";

/** SQLite names the indexed columns (`UNIQUE constraint failed: customers.organization_id, customers.email_key`), not the index. */
function uniqueViolation(error: unknown): UniqueViolationReport | undefined {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (!e || e.code !== "SQLITE_CONSTRAINT_UNIQUE" || typeof e.message !== "string") return undefined;
  const at = e.message.indexOf(UNIQUE_PREFIX);
  if (at < 0) return {};
  return {
    columns: e.message
      .slice(at + UNIQUE_PREFIX.length)
      .split(",")
      .map((c) => c.trim()),
  };
}

/**
 * Lock contention past the writer's deadline, a full disk and I/O failures
 * (SQLite reports ENOSPC as SQLITE_FULL, sometimes as SQLITE_IOERR_WRITE) pass
 * without a code change, so clients are told to retry.
 */
function unavailable(error: unknown): UnavailableReason | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== "string") return undefined;
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return "busy";
  if (code === "SQLITE_FULL" || code.startsWith("SQLITE_IOERR")) return "full";
  if (code.startsWith("SQLITE_CANTOPEN")) return "unreachable";
  return undefined;
}

export const sqliteDialect: Dialect = { name: "sqlite", codec, uniqueViolation, unavailable };
