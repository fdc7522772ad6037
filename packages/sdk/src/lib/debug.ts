import type { Logger } from "./logger.js";

/**
 * Logs one request or response as a group: title, headers (token redacted), then the body, parsed
 * when it is JSON.
 */
export function logExchange(logger: Logger, title: string, headers: HeadersInit, body: unknown): void {
  logger.group(title);
  // The token must never reach logs.
  new Headers(headers).forEach((value, key) => logger.log(`${key}: ${key === "authorization" ? "[redacted]" : value}`));
  try {
    body = JSON.parse(body as string);
  } catch {}
  if (body != null && body !== "") logger.log(body);
  logger.groupEnd();
}
