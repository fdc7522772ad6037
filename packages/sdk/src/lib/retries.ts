import { ConnectionError, RequestTimeoutError } from "../models/errors/httpclienterrors.js";

/**
 * Delays in milliseconds. Before retry n (0-based): min(maxInterval, initialInterval · n^exponent + jitter).
 * Fields left out default to 500 ms, 60 s, 1.5 and one hour.
 */
export type BackoffStrategy = {
  initialInterval: number;
  maxInterval: number;
  exponent: number;
  maxElapsedTime: number;
};

export type RetryConfig =
  { strategy: "none" } | { strategy: "backoff"; backoff?: BackoffStrategy | undefined; retryConnectionErrors?: boolean | undefined };

export const DEFAULT_RETRY_CODES = ["429", "500", "502", "503", "504"];

/** "503" matches 503 only; "5XX" matches any 5xx status. */
export function matchesCode(status: number, codes: string[]): boolean {
  return codes.some((code) => RegExp(`^${code}$`.replace(/x/gi, "\\d")).test(status as any));
}

/** The server's requested delay in ms, or 0 when it gives none usable. */
export function retryAfterMs(res: Response): number {
  const ms = parseFloat(res.headers.get("retry-after-ms")!);
  if (ms >= 0) return ms;
  const header = res.headers.get("retry-after");
  // Whole seconds or an HTTP date; Number() is NaN for a date and 0 for a missing header.
  const seconds = Number(header);
  return Math.max(0, seconds >= 0 ? seconds * 1000 : Date.parse(header!) - Date.now()) || 0;
}

/**
 * Runs `attempt` until it gives a non-retryable outcome. There is no attempt limit: the loop ends
 * once `maxElapsedTime` has passed, returning the last response or throwing the last error.
 */
export async function retry(attempt: () => Promise<Response>, config: RetryConfig | undefined, codes: string[]): Promise<Response> {
  if (config?.strategy !== "backoff") return attempt();
  const {
    initialInterval = 500,
    maxInterval = 60_000,
    exponent = 1.5,
    maxElapsedTime = 3_600_000,
  }: Partial<BackoffStrategy> = config.backoff ?? {};
  const deadline = Date.now() + maxElapsedTime;
  for (let n = 0; ; n++) {
    let res: Response | undefined;
    try {
      res = await attempt();
      if (!matchesCode(res.status, codes) || Date.now() > deadline) return res;
    } catch (err) {
      const retryable = err instanceof ConnectionError || err instanceof RequestTimeoutError;
      if (!config.retryConnectionErrors || !retryable || Date.now() > deadline) throw err;
    }
    // Retry-After wins when the server sends one; otherwise backoff plus up to a second of jitter.
    const delay = (res && retryAfterMs(res)) || initialInterval * n ** exponent + Math.random() * 1000;
    // The retried response is thrown away; release its connection. Not awaited: cancelling one
    // branch of a cloned (tee'd) body only settles once the other branch is cancelled too.
    res?.body?.cancel().catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, Math.min(delay, maxInterval)));
  }
}
