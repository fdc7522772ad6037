// Seed entries are validated by the same schemas and services as the HTTP
// create endpoints; their issues are located for an HTTP body (`["body",
// "prices", 0, "metered_unit", "unit_amount"]`), here they become paths in the
// seed file (`organizations[0].products[1].prices[0].unit_amount`).
import { INVALID, isPlainObject, type Schema } from "./schema/core.js";
import type { Issue, Loc } from "./schema/issues.js";
import { PolarError, ValidationFailed } from "./errors.js";
import { SeedError, type SeedPath } from "./seed.js";

/**
 * Where in `input` an issue's loc points: FastAPI's leading "body" dropped, and
 * the union members a loc names (`recurring`, `metered_unit`,
 * `EventCreateExternalCustomer`), which are no key of the input, left out. The
 * last segment always stays: it may name a required key that is missing.
 */
export function inputPath(input: unknown, loc: Loc): SeedPath {
  const segments = loc[0] === "body" ? loc.slice(1) : loc;
  const path: (string | number)[] = [];
  let value = input;
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (Array.isArray(value) && typeof segment === "number") value = value[segment];
    else if (isPlainObject(value) && Object.prototype.hasOwnProperty.call(value, segment)) value = value[segment];
    else if (!last) return;
    path.push(segment);
  });
  return path;
}

/** Renames of top-level fields: the API's (`product_id`) to the seed-only one the entry gave instead (`product`). */
export type SeedAliases = Readonly<Record<string, string>>;

export function issueError(at: SeedPath, input: unknown, issue: Issue, aliases: SeedAliases = {}): SeedError {
  const [first, ...rest] = inputPath(input, issue.loc);
  const path = first === undefined ? [] : [typeof first === "string" ? (aliases[first] ?? first) : first, ...rest];
  return new SeedError([...at, ...path], issue.msg);
}

/** The entry parsed by the endpoint's body schema, or its first issue as a SeedError. */
export function parseEntry<T>(schema: Schema<T>, input: unknown, at: SeedPath, aliases?: SeedAliases): T {
  const issues: Issue[] = [];
  const value = schema.parse(input, [], issues);
  if (value === INVALID || issues.length > 0) throw issueError(at, input, issues[0], aliases);
  return value;
}

/** Runs the API call that creates the entry; what it refuses (a 422, a named Polar error) becomes a SeedError under the entry. */
export async function asSeedEntry<T>(at: SeedPath, input: unknown, call: () => Promise<T>, aliases?: SeedAliases): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ValidationFailed && error.issues.length > 0) throw issueError(at, input, error.issues[0], aliases);
    if (error instanceof PolarError) throw new SeedError(at, error.message);
    throw error;
  }
}
