/** The outcome of a standalone function: it never throws for API or network failures. */
export type Result<T, E = unknown> = { ok: true; value: T; error?: never } | { ok: false; value?: never; error: E };

export function OK<V>(value: V): Result<V, never> {
  return { ok: true, value };
}

export function ERR<E>(error: E): Result<never, E> {
  return { ok: false, error };
}

/** What the `Polar` class methods do with a Result: return the value or throw the error. */
export async function unwrapAsync<T, E>(pr: Promise<Result<T, E>>): Promise<T> {
  const r = await pr;
  if (!r.ok) throw r.error;
  return r.value;
}
