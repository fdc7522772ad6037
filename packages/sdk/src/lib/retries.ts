import { ConnectionError, RequestTimeoutError } from "../models/errors/httpclienterrors.js";

/** Delays in milliseconds. Before retry n (0-based): min(maxInterval, initialInterval · n^exponent + jitter). */
export type BackoffStrategy = {
  initialInterval: number;
  maxInterval: number;
  exponent: number;
  maxElapsedTime: number;
};

export type RetryConfig =
  | { strategy: "none" }
  | { strategy: "backoff"; backoff?: BackoffStrategy | undefined; retryConnectionErrors?: boolean | undefined };

export const DEFAULT_BACKOFF: BackoffStrategy = {
  initialInterval: 500,
  maxInterval: 60_000,
  exponent: 1.5,
  maxElapsedTime: 3_600_000,
};

export const DEFAULT_RETRY_CODES = ["429", "500", "502", "503", "504"];

/** "503" matches 503 only; "5XX" matches any 5xx status. */
export function matchesCode(status: number, codes: string[]): boolean {
  return codes.some((code) => new RegExp(`^${code.replace(/x/gi, "\\d")}$`).test(String(status)));
}

/** The server's requested delay in ms, or 0 when it gives none usable. */
export function retryAfterMs(res: Response): number {
  const ms = parseFloat(res.headers.get("retry-after-ms")!);
  if (ms >= 0) return ms;
  const header = res.headers.get("retry-after") ?? "";
  // Either whole seconds or an HTTP date.
  return /^\s*\d+\s*$/.test(header) ? header.trim() as any * 1000 : Math.max(0, Date.parse(header) - Date.now()) || 0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it gives a non-retryable outcome. There is no attempt limit: the loop ends
 * once `maxElapsedTime` has passed, returning the last response or throwing the last error.
 */
export async function retry(
  attempt: () => Promise<Response>,
  config: RetryConfig | undefined,
  codes: string[],
): Promise<Response> {
  if (config?.strategy !== "backoff") return attempt();
  const backoff = { ...DEFAULT_BACKOFF, ...config.backoff };
  const start = Date.now();
  for (let n = 0; ; n++) {
    let res: Response | undefined;
    let error: unknown;
    try {
      res = await attempt();
      if (!matchesCode(res.status, codes)) return res;
    } catch (err) {
      const retryable = err instanceof ConnectionError || err instanceof RequestTimeoutError;
      if (!(config.retryConnectionErrors && retryable)) throw err;
      error = err;
    }
    if (Date.now() - start > backoff.maxElapsedTime) {
      if (res) return res;
      throw error;
    }
    let delay = res ? retryAfterMs(res) : 0;
    if (!(delay > 0)) delay = backoff.initialInterval * n ** backoff.exponent + Math.random() * 1000;
    // The retried response is thrown away; release its connection. Not awaited: cancelling one
    // branch of a cloned (tee'd) body only settles once the other branch is cancelled too.
    res?.body?.cancel().catch(() => {});
    await sleep(Math.min(delay, backoff.maxInterval));
  }
}
