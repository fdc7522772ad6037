// The webhooks tables as Kysely sees them (encoded column values).
import type { BoolValue, JsonValue, TimeValue } from "../../platform/storage/codec.js";

export interface WebhookEndpointsTable {
  id: string;
  organization_id: string;
  created_at: TimeValue;
  modified_at: TimeValue | null;
  deleted_at: TimeValue | null;
  url: string;
  name: string | null;
  format: string;
  secret: string;
  events: JsonValue;
  enabled: BoolValue;
}

export interface WebhookEventsTable {
  id: string;
  endpoint_id: string;
  organization_id: string;
  created_at: TimeValue;
  modified_at: TimeValue | null;
  type: string;
  payload: string | null;
  /** Deferred events: what their renderer builds the data from, while they wait. */
  subject_id: string | null;
  /** Set while a deferred event waits; a later one with the same key postpones this row instead of adding one. */
  debounce_key: string | null;
  /** The latest a debounced event may be postponed to. */
  debounce_until: TimeValue | null;
  last_http_code: number | null;
  succeeded: BoolValue | null;
  skipped: BoolValue;
  attempts: number;
  /** When the event stopped being retried (delivered, out of attempts, skipped). */
  finished_at: TimeValue | null;
  /** When the dispatcher should next pick it up; null = nothing to do. While claimed: the lease's expiry. */
  next_attempt_at: TimeValue | null;
  /** The claim in progress: only its holder may record the attempt's outcome. */
  lease_token: string | null;
  /** A redelivery asked for while an attempt was in flight: attempt again once it is recorded. */
  redeliver: BoolValue;
}

export interface WebhookDeliveriesTable {
  id: string;
  event_id: string;
  endpoint_id: string;
  organization_id: string;
  created_at: TimeValue;
  succeeded: BoolValue;
  http_code: number | null;
  response: string | null;
  duration_ms: number;
  attempt: number;
}

export interface WebhookTables {
  webhook_endpoints: WebhookEndpointsTable;
  webhook_events: WebhookEventsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
