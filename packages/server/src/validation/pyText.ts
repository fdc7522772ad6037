// Small helpers that reproduce Python `str` semantics the reference server
// relies on (Polar runs on CPython): whitespace as `str.isspace()` defines it,
// lengths and ordering by code point rather than UTF-16 unit.

/** Characters for which Python's `str.isspace()` is true. JS `\s` differs (it has U+FEFF, lacks U+001C–U+001F and U+0085). */
const PY_SPACE_CLASS = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

export const PY_SPACE = `[${PY_SPACE_CLASS}]`;

const LEADING = new RegExp(`^${PY_SPACE}+`, "u");
const TRAILING = new RegExp(`${PY_SPACE}+$`, "u");

/** Python `s.strip()` with no argument. */
export function pyStrip(s: string): string {
  return s.replace(LEADING, "").replace(TRAILING, "");
}

/** Python `s.rstrip()` (no argument) or `s.rstrip(chars)`. */
export function pyRstrip(s: string, chars?: string): string {
  if (chars === undefined) return s.replace(TRAILING, "");
  const cps = codePoints(s);
  let end = cps.length;
  while (end > 0 && chars.includes(cps[end - 1])) end--;
  return cps.slice(0, end).join("");
}

/** The string split into code points, the way Python iterates a `str`. */
export function codePoints(s: string): string[] {
  return Array.from(s);
}

/** Python's string ordering (code point order); JS's default sort compares UTF-16 units. */
export function compareCodePoints(a: string, b: string): number {
  const x = codePoints(a);
  const y = codePoints(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

export function utf8Length(s: string): number {
  return Buffer.byteLength(s, "utf8");
}
