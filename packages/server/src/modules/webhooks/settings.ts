// Server settings of the webhooks module (serve flags and environment, see cli/main.ts).
import { POLAR_RETRY_SCHEDULE, type RetrySchedule } from "./backoff.js";

export interface WebhookSettings {
  /** Polar's URL rule (https, no localhost or private IP literals); off by default for local development. */
  publicUrlsOnly: boolean;
  retry: RetrySchedule;
  /** Attempts in flight at once. */
  concurrency: number;
  pollIntervalMs: number;
  timeoutMs: number;
  failureThreshold: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  publicUrlsOnly: false,
  retry: POLAR_RETRY_SCHEDULE,
  concurrency: 16,
  pollIntervalMs: 500,
  timeoutMs: 10_000,
  failureThreshold: 10,
};

export type WebhookSettingsInput = Partial<Omit<WebhookSettings, "retry">> & { retry?: Partial<RetrySchedule> };

export function webhookSettings(input: WebhookSettingsInput = {}): WebhookSettings {
  return { ...DEFAULT_WEBHOOK_SETTINGS, ...input, retry: { ...DEFAULT_WEBHOOK_SETTINGS.retry, ...input.retry } };
}
