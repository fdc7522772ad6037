// When to try again after a failed attempt: dramatiq's exponential backoff
// with jitter, as Polar configures it (2 s base, 20 min cap): after the n-th
// failure the delay is drawn uniformly in [½·base·2ⁿ, base·2ⁿ], capped.
export interface RetrySchedule {
  baseMs: number;
  capMs: number;
}

export const POLAR_RETRY_SCHEDULE: RetrySchedule = { baseMs: 2000, capMs: 20 * 60 * 1000 };

export function retryDelayMs(failedAttempts: number, schedule: RetrySchedule, random: () => number = Math.random): number {
  const full = Math.min(schedule.baseMs * 2 ** failedAttempts, schedule.capMs);
  return Math.round(full / 2 + random() * (full / 2));
}

/** A `Retry-After` answer (seconds or an HTTP date), in ms from `now`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | undefined {
  if (header === null) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
