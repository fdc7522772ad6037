import type { Logger } from "./logger.js";

/** Logs one request or response as a group: title, headers (token redacted), body. */
export function logExchange(logger: Logger, title: string, headers: HeadersInit, body: unknown): void {
  logger.group(title);
  // The token must never reach logs.
  new Headers(headers).forEach((value, key) => logger.log(`${key}: ${key === "authorization" ? "[redacted]" : value}`));
  if (body != null && body !== "") logger.log(body);
  logger.groupEnd();
}

export async function logResponse(logger: Logger, method: string, url: string, res: Response): Promise<void> {
  let body: unknown = await res.clone().text().catch(() => "");
  try {
    body = JSON.parse(body as string);
  } catch {
    // not JSON: log the text
  }
  logExchange(logger, `< Response: ${method} ${url} (Status Code: ${res.status})`, res.headers, body);
}
