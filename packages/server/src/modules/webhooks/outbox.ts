// The webhooks module's side of platform/events.ts: domain events recorded
// in a unit of work become outbox rows on the same transaction.
import { systemClock } from "../../platform/clock.js";
import type { EventSink } from "../../platform/events.js";
import type { WebhookStore } from "./store.js";

/** Polar's debounce of customer.state_changed: at least 1 s after the last trigger, at most 5 s after the first. */
export const DEBOUNCE_MIN_MS = 1000;
export const DEBOUNCE_MAX_MS = 5000;

export function outboxSink(store: WebhookStore): EventSink {
  // Delivery is scheduled in real time whatever the organization's test clock says: the receiver lives in real time.
  return {
    record: (event) => store.recordEvent(event, systemClock.now()),
    recordDeferred: (event) =>
      store.recordDeferredEvent(event, new Date(systemClock.now().getTime() + DEBOUNCE_MIN_MS), DEBOUNCE_MAX_MS - DEBOUNCE_MIN_MS),
  };
}
