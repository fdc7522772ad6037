// Small helpers that reproduce Python `str` semantics the reference server
// relies on (Polar runs on CPython): whitespace as `str.isspace()` defines it,
// lengths and ordering by code point rather than UTF-16 unit.

/** Characters for which Python's `str.isspace()` is true. JS `\s` differs (it has U+FEFF, lacks U+001C–U+001F and U+0085). */
const PY_SPACE_CLASS = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

export const PY_SPACE = `[${PY_SPACE_CLASS}]`;

/** The same characters by code (all are in the BMP). */
const isPySpace = (c: number) =>
  (c >= 0x09 && c <= 0x0d) ||
  (c >= 0x1c && c <= 0x20) ||
  c === 0x85 ||
  c === 0xa0 ||
  c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) ||
  c === 0x2028 ||
  c === 0x2029 ||
  c === 0x202f ||
  c === 0x205f ||
  c === 0x3000;

// Scanned from both ends rather than with /\s+$/-style regexes, which retry at every position of
// a long run of inner whitespace: quadratic, minutes for a 10 MiB field of spaces.
const trailingSpaceStart = (s: string, from = 0): number => {
  let end = s.length;
  while (end > from && isPySpace(s.charCodeAt(end - 1))) end--;
  return end;
};

/** Python `s.strip()` with no argument. */
export function pyStrip(s: string): string {
  let start = 0;
  while (start < s.length && isPySpace(s.charCodeAt(start))) start++;
  return s.slice(start, trailingSpaceStart(s, start));
}

/** Python `s.rstrip()` (no argument) or `s.rstrip(chars)`. */
export function pyRstrip(s: string, chars?: string): string {
  if (chars === undefined) return s.slice(0, trailingSpaceStart(s));
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
