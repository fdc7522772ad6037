// The subscriptions table as Kysely sees it. It began as the customers
// module's minimal table (id, customer_id, status, created_at, deleted_at);
// this module's migration added the rest, so rows written before have nulls
// in the added columns and no started_at: the API never shows them.
import type { BoolValue, JsonValue, TimeValue } from "../../platform/storage/codec.js";

export interface SubscriptionsTable {
  id: string;
  customer_id: string;
  status: string;
  created_at: TimeValue;
  deleted_at: TimeValue | null;
  organization_id: string | null;
  product_id: string | null;
  modified_at: TimeValue | null;
  amount: number | string | null;
  currency: string | null;
  recurring_interval: string | null;
  recurring_interval_count: number | string | null;
  current_period_start: TimeValue | null;
  current_period_end: TimeValue | null;
  anchor_day: number | string | null;
  trial_start: TimeValue | null;
  trial_end: TimeValue | null;
  cancel_at_period_end: BoolValue;
  canceled_at: TimeValue | null;
  started_at: TimeValue | null;
  ends_at: TimeValue | null;
  ended_at: TimeValue | null;
  past_due_at: TimeValue | null;
  customer_cancellation_reason: string | null;
  customer_cancellation_comment: string | null;
  metadata: JsonValue;
  price_ids: JsonValue;
  meters: JsonValue;
}

/** Tables of earlier modules this one reads (joins for filters and sorts). */
export interface ReadTables {
  customers: { id: string; organization_id: string; external_id: string | null; email_key: string | null; deleted_at: TimeValue | null };
  products: { id: string; name: string };
}

export interface SubscriptionTables extends ReadTables {
  subscriptions: SubscriptionsTable;
}
