// CORS origin settings as an operator writes them: `*`, or origins such as
// `https://app.example.com` and `http://localhost:5173`. Kept apart from the
// HTTP stack so that the CLI can check them without loading it.

/** The origin part of a URL as browsers send it in `Origin`, or null when `value` is not one. */
export function normalizeOrigin(value: string): string | null {
  if (value === "*") return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  // An origin has no path, query or credentials; "https://a.example/" is accepted as "https://a.example".
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) return null;
  return url.origin;
}

/** Splits comma-separated lists and checks each entry; throws a message naming the first bad one. */
export function parseCorsOrigins(values: readonly string[]): string[] {
  const origins: string[] = [];
  for (const raw of values.flatMap((v) => v.split(","))) {
    const value = raw.trim();
    if (value === "") continue;
    const origin = normalizeOrigin(value);
    if (origin === null)
      throw new Error(`CORS origin must be "*" or like https://app.example.com (scheme, host, optional port), got "${value}"`);
    if (!origins.includes(origin)) origins.push(origin);
  }
  return origins;
}
