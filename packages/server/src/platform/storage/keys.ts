// Derived key columns. Lower-casing happens in JS rather than SQL because
// SQLite's lower() only folds ASCII while PostgreSQL's folds per locale; doing
// it here makes uniqueness, filtering and sorting identical on both backends.

export function foldKey(value: string | null | undefined): string | null {
  return value == null ? null : value.toLowerCase();
}

/** Escapes LIKE wildcards with `/` (used as `ESCAPE '/'`) so `%`, `_` and `/` match literally. */
export function escapeLike(value: string): string {
  return value.replace(/[/%_]/g, (c) => `/${c}`);
}
