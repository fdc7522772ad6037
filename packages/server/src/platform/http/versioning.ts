// The `Polar-Version` request header: absent → the default;
// unknown → 404 for every path, before anything else runs.

export const API_VERSIONS = ["2026-04", "2026-10", "2027-01"] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];
export const DEFAULT_API_VERSION: ApiVersion = "2026-04";

const SUPPORTED: ReadonlySet<string> = new Set(API_VERSIONS);

/** The version to answer with, or null when the header names one we do not serve. */
export function resolveApiVersion(header: string | string[] | undefined): ApiVersion | null {
  if (header === undefined) return DEFAULT_API_VERSION;
  const value = Array.isArray(header) ? header[header.length - 1] : header;
  return SUPPORTED.has(value.trim()) ? (value.trim() as ApiVersion) : null;
}
