import type { HTTPClient } from "./http.js";
import type { Logger } from "./logger.js";
import type { RetryConfig } from "./retries.js";
import { DEFAULT_USER_AGENT } from "./useragent.js";

export const ServerProduction = "production";
export const ServerSandbox = "sandbox";

/** Named servers and their base URLs. */
export const ServerList = {
  production: "https://api.polar.sh",
  sandbox: "https://sandbox-api.polar.sh",
} as const;

export type SDKOptions = {
  /** A token, or an async function returning one (called before every request). Falls back to POLAR_ACCESS_TOKEN. */
  accessToken?: string | (() => Promise<string>) | undefined;
  httpClient?: HTTPClient | undefined;
  /** "production" (default) or "sandbox"; ignored when `serverURL` is set. */
  server?: keyof typeof ServerList | undefined;
  serverURL?: string | undefined;
  /** Replaces the User-Agent header sent outside browsers. */
  userAgent?: string | undefined;
  /** Default retry policy; none when absent. */
  retryConfig?: RetryConfig | undefined;
  /** Per-attempt timeout in milliseconds; none when absent or ≤ 0. */
  timeoutMs?: number | undefined;
  debugLogger?: Logger | undefined;
};

/** The base URL chosen by the options; throws TypeError("Invalid URL") for an unknown server name. */
export function serverURLFromOptions(options: SDKOptions): URL {
  // An unknown name (inherited ones such as "toString" included) gives undefined or a function,
  // neither a valid URL: new URL() throws TypeError("Invalid URL"), as the official SDK does.
  return new URL(options.serverURL || ServerList[options.server ?? "production"]);
}

export const SDK_METADATA = {
  language: "typescript",
  openapiDocVersion: "2026-04",
  sdkVersion: "0.1.0",
  userAgent: DEFAULT_USER_AGENT,
} as const;
