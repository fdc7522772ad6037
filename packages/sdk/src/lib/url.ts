/** A base URL split for cheap joining: `prefix` ends with "/", `query` is the base's own query string. */
export type Base = { prefix: string; query: string };

/** Normalises a base URL once; null when it is not a valid URL. */
export function toBase(input: string | URL): Base | null {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  const query = url.search.slice(1);
  url.search = url.hash = "";
  const href = url.href;
  return { prefix: href.replace(/\/?$/, "/"), query };
}

/** `path` has no leading slash: it is resolved below the base path, as the official SDK does. */
export function joinURL(base: Base, path: string, query?: string): string {
  const q = base.query && query ? `${base.query}&${query}` : base.query || query;
  return base.prefix + path + (q ? `?${q}` : "");
}

/** Form style, exploded: arrays repeat the key; null and undefined are left out. */
export function formParam(name: string, value: unknown): string {
  if (value == null) return "";
  const values = Array.isArray(value) ? value : [value];
  const key = encodeURIComponent(name);
  return values.map((v) => `${key}=${encodeURIComponent(String(v))}`).join("&");
}

export function joinQuery(parts: string[]): string {
  return parts.filter(Boolean).join("&");
}
