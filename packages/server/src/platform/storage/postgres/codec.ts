// How PostgreSQL stores our values, and what its errors say.
import type { Codec } from "../codec.js";
import type { UnavailableReason } from "../../errors.js";
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

/** Socket-level failures while connecting to or talking with the server. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** What node-postgres and pg-pool throw, without a code, when a connection is lost, times out or cannot be had. */
const LOST_CONNECTION =
  /connection terminated|connection error|not queryable|timeout exceeded when trying to connect|query read timeout|connection timeout/i;

/**
 * SQLSTATE classes that mean "not now" rather than "never": 08 connection
 * exceptions, 53 insufficient resources (disk full, too many connections),
 * 57P01-57P04 shutdown / crash / starting up / database dropped, 3D000 the
 * database is not there (dropped or being restored), 57014 a statement
 * cancelled by statement_timeout. Anything else (syntax, constraints) is a bug or a rule.
 */
const UNREACHABLE_STATES = new Set(["57P01", "57P02", "57P03", "57P04", "3D000"]);

function unavailableState(state: string, message: unknown): UnavailableReason | undefined {
  if (state === "53100") return "full";
  if (state.startsWith("08") || state.startsWith("53") || UNREACHABLE_STATES.has(state)) return "unreachable";
  // 55000 is a generic "not in the right state"; refused connections (ALLOW_CONNECTIONS false, during maintenance) say so.
  if (state === "55000" && typeof message === "string" && /not currently accepting connections/.test(message)) return "unreachable";
  if (state === "57014") return "busy";
  return undefined;
}

function unavailable(error: unknown): UnavailableReason | undefined {
  if (error === null || typeof error !== "object") return undefined;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === "string") {
    if (NETWORK_CODES.has(code)) return "unreachable";
    if (/^[0-9A-Z]{5}$/.test(code)) return unavailableState(code, message);
  }
  // Node reports a refused connection to a host with several addresses as an AggregateError.
  if (Array.isArray(errors) && errors.some((e) => unavailable(e) !== undefined)) return "unreachable";
  if (typeof message === "string" && LOST_CONNECTION.test(message)) return "unreachable";
  return undefined;
}

export const postgresDialect: Dialect = { name: "postgres", codec, uniqueViolation, unavailable };
