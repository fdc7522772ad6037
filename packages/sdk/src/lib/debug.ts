import type { Logger } from "./logger.js";

function headerLines(headers: Headers): string[] {
  const lines: string[] = [];
  // The token must never reach logs.
  headers.forEach((value, key) => lines.push(`${key}: ${key === "authorization" ? "[redacted]" : value}`));
  return lines;
}

export function logRequest(logger: Logger, url: string, init: RequestInit): void {
  logger.group(`> Request: ${init.method} ${url}`);
  logger.group("Headers:");
  for (const line of headerLines(new Headers(init.headers))) logger.log(line);
  logger.groupEnd();
  if (init.body != null) {
    logger.group("Body:");
    logger.log(init.body);
    logger.groupEnd();
  }
  logger.groupEnd();
}

export async function logResponse(logger: Logger, method: string, url: string, res: Response): Promise<void> {
  logger.group(`< Response: ${method} ${url}`);
  logger.log("Status Code:", res.status, res.statusText);
  logger.group("Headers:");
  for (const line of headerLines(res.headers)) logger.log(line);
  logger.groupEnd();
  const text = await res.clone().text().catch(() => "");
  if (text) {
    logger.group("Body:");
    let body: unknown = text;
    try {
      if (/json/i.test(res.headers.get("content-type") ?? "")) body = JSON.parse(text);
    } catch {
      // keep the raw text
    }
    logger.log(body);
    logger.groupEnd();
  }
  logger.groupEnd();
}
