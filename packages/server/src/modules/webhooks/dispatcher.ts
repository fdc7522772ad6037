// The dispatcher inside `serve`: claims due events (a lease, so that with
// several instances each attempt is made by exactly one), sends them
// concurrently up to a cap without ever holding a request or a transaction
// open, records each attempt and schedules the next. A crash anywhere leaves
// the row due again once its lease expires: delivery is at-least-once.
import type { DeferredEventRenderer } from "../../platform/events.js";
import type { BackgroundTask } from "../../platform/module.js";
import { retryAfterMs, retryDelayMs, type RetrySchedule } from "./backoff.js";
import { MAX_ATTEMPTS } from "./model.js";
import { webhookBody } from "./payload.js";
import { post } from "./send.js";
import { deliveryHeaders } from "./signing.js";
import type { ClaimedEvent, WebhookStore } from "./store.js";

export interface DispatcherSettings {
  retry: RetrySchedule;
  /** Attempts in flight at once, over all endpoints. */
  concurrency: number;
  /** How often to look for due events when idle. */
  pollIntervalMs: number;
  /** Per attempt (Polar: 10 s). */
  timeoutMs: number;
  /** Consecutive permanently failed events after which an endpoint is disabled (Polar: 10). */
  failureThreshold: number;
}

export interface Dispatcher extends BackgroundTask {
  /** Looks for due events now (also what each tick does). */
  poke(): void;
}

export interface DispatcherOptions {
  store: WebhookStore;
  settings: DispatcherSettings;
  renderers: Readonly<Record<string, DeferredEventRenderer>>;
  /** The time attempts are scheduled and recorded in: real time (a test clock moves organizations' data, not the network). */
  now(): Date;
  log(message: string): void;
}

/** A claim outlives the attempt's deadline by this much before another instance may take the event over. */
const LEASE_MARGIN_MS = 30_000;

export function startDispatcher(options: DispatcherOptions): Dispatcher {
  const { store, settings } = options;
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let claiming: Promise<void> | undefined;
  let again = false;
  let unavailable = false;

  const claim = async () => {
    const room = settings.concurrency - inFlight.size;
    if (room <= 0 || stopped) return;
    const now = options.now();
    const claimed = await store.claimDue(now, new Date(now.getTime() + settings.timeoutMs + LEASE_MARGIN_MS), room);
    for (const c of claimed) {
      const attempt: Promise<void> = deliver(c)
        .catch((error: unknown) => options.log(`webhook ${c.event.id}: attempt not recorded (${(error as Error)?.message ?? error})`))
        .finally(() => {
          inFlight.delete(attempt);
          poke();
        });
      inFlight.add(attempt);
    }
    // A full batch: there may be more due right away.
    if (claimed.length === room) again = true;
  };

  const poke = () => {
    if (stopped) return;
    if (claiming) {
      again = true;
      return;
    }
    claiming = claim()
      .then(() => {
        unavailable = false;
      })
      .catch((error: unknown) => {
        // Once per outage, not once per poll: the loop keeps trying and resumes by itself.
        if (!unavailable) options.log(`webhooks: could not look for due events, retrying (${(error as Error)?.message ?? error})`);
        unavailable = true;
      })
      .finally(() => {
        claiming = undefined;
        if (again) {
          again = false;
          poke();
        }
      });
  };

  const deliver = async (c: ClaimedEvent) => {
    let payload = c.event.payload;
    if (c.deferred) {
      const render = options.renderers[c.event.type];
      const data = render ? await render(c.event.organizationId, c.deferred.subjectId) : undefined;
      if (data === undefined) return store.skip(c, options.now());
      payload = webhookBody(c.event.type, c.event.createdAt, data);
      if (!(await store.setPayload(c, payload))) return;
    }
    // Disabled endpoints receive nothing; chat formats (discord, slack) are not rendered by this server.
    if (payload === null || !c.endpoint.enabled || c.endpoint.format !== "raw") return store.skip(c, options.now());
    const headers = deliveryHeaders(c.endpoint.secret, c.event.id, payload, options.now());
    const answer = await post(c.endpoint.url, headers, payload, settings.timeoutMs);
    const at = options.now();
    const succeeded = answer.status !== null && answer.status >= 200 && answer.status < 300;
    const attempts = c.event.attempts + 1;
    let retryAt: Date | null = null;
    if (!succeeded && attempts < MAX_ATTEMPTS) {
      const header = answer.headers["retry-after"];
      const asked = retryAfterMs(typeof header === "string" ? header : null, at);
      const delay = asked !== undefined ? Math.min(asked, settings.retry.capMs) : retryDelayMs(attempts, settings.retry);
      retryAt = new Date(at.getTime() + delay);
    }
    const text = answer.text.replaceAll("\u0000", "");
    const recorded = await store.recordAttempt(c, {
      at,
      succeeded,
      httpCode: answer.status,
      response: text === "" ? null : text,
      durationMs: answer.durationMs,
      retryAt,
    });
    if (recorded && !succeeded && retryAt === null) {
      if (await store.disableIfFailing(c.endpoint.id, settings.failureThreshold, at))
        options.log(
          `webhooks: endpoint ${c.endpoint.id} (${c.endpoint.url}) disabled after ${settings.failureThreshold} consecutive failed events; re-enable it with PATCH /v1/webhooks/endpoints/${c.endpoint.id} {"enabled": true}`,
        );
    }
  };

  const tick = () => {
    if (stopped) return;
    poke();
    timer = setTimeout(tick, settings.pollIntervalMs);
    timer.unref();
  };
  tick();

  return {
    poke,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await claiming;
      await Promise.all([...inFlight]);
    },
  };
}
