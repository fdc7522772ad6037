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

/**
 * `%text%` for a case-insensitive substring test against a foldKey() column,
 * with the text's own `%` and `_` left as wildcards (Polar's `query` filters
 * on products, benefits and meters do not escape them). PostgreSQL's default
 * LIKE escape character is doubled so a backslash means itself on both backends.
 */
export function likeContainsUnescaped(dialect: "sqlite" | "postgres", text: string): string {
  const folded = text.toLowerCase();
  return `%${dialect === "postgres" ? folded.replace(/\\/g, "\\\\") : folded}%`;
}
