export * from "./lib/config.js";
export { HTTPClient } from "./lib/http.js";
export type { Fetcher, HTTPClientOptions } from "./lib/http.js";
export type { RequestOptions } from "./lib/operation.js";
export type { RetryConfig, BackoffStrategy } from "./lib/retries.js";
export { Polar } from "./sdk/sdk.js";
