// Driver errors become the seam's errors at the store boundary, so services
// never see a driver's error codes.
import { StorageUnavailable } from "../errors.js";
import { UniqueViolationError, type Dialect, type UniqueIndex } from "./seam.js";

function violatedField<Field extends string>(dialect: Dialect, indexes: readonly UniqueIndex<Field>[], error: unknown): Field | undefined {
  const report = dialect.uniqueViolation(error);
  if (report === undefined) return undefined;
  for (const index of indexes) {
    if (report.index !== undefined && report.index === index.name) return index.field;
    if (report.columns !== undefined) {
      const expected = index.columns.map((c) => `${index.table}.${c}`);
      if (expected.length === report.columns.length && expected.every((c, i) => report.columns?.[i] === c)) return index.field;
    }
  }
  return undefined;
}

/** Turns driver errors into the seam's errors; anything thrown is always an Error. */
export function translateError<Field extends string>(dialect: Dialect, indexes: readonly UniqueIndex<Field>[], error: unknown): Error {
  const field = violatedField(dialect, indexes, error);
  if (field !== undefined) return new UniqueViolationError(field);
  if (error instanceof StorageUnavailable) return error;
  const unavailable = dialect.unavailable(error);
  if (unavailable !== undefined) return new StorageUnavailable(unavailable, { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

export async function translating<T, Field extends string = never>(
  dialect: Dialect,
  work: () => Promise<T>,
  indexes: readonly UniqueIndex<Field>[] = [],
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translateError(dialect, indexes, error);
  }
}
