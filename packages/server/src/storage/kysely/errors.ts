import { UniqueViolationError } from "../types.js";
import type { DialectFragments } from "./fragments.js";

/** Turns driver errors into the seam's errors; anything thrown is always an Error. */
export function translateError(fragments: DialectFragments, error: unknown): Error {
  const field = fragments.uniqueViolation(error);
  if (field) return new UniqueViolationError(field);
  return error instanceof Error ? error : new Error(String(error));
}

export async function translating<T>(fragments: DialectFragments, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translateError(fragments, error);
  }
}
