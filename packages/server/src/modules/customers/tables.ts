// The customers module's tables as Kysely sees them (encoded column values,
// see platform/storage/codec.ts).
import type { BoolValue, JsonValue, TimeValue } from "../../platform/storage/codec.js";

export interface CustomersTable {
  id: string;
  organization_id: string;
  created_at: TimeValue;
  modified_at: TimeValue | null;
  deleted_at: TimeValue | null;
  email: string | null;
  email_verified: BoolValue;
  type: string;
  name: string | null;
  billing_name: string | null;
  billing_address: JsonValue | null;
  tax_id: JsonValue | null;
  locale: string | null;
  external_id: string | null;
  metadata: JsonValue;
  default_payment_method_id: string | null;
  first_user_event_at: TimeValue | null;
  // Derived lower-case keys, computed in JS so both backends agree byte for byte.
  email_key: string | null;
  name_key: string | null;
  billing_name_key: string | null;
  external_id_key: string | null;
}

/**
 * The minimal subscription rows the customers list's `active` filter reads,
 * until the subscriptions module owns them.
 */
export interface SubscriptionsTable {
  id: string;
  customer_id: string;
  status: string;
  created_at: TimeValue;
  deleted_at: TimeValue | null;
}

/** Live (not soft-deleted) customers per organization, so unfiltered lists need no COUNT(*). */
export interface CustomerCountsTable {
  organization_id: string;
  /** One of COUNT_SLOTS rows per organization (counts.ts); the organization's count is their sum. */
  slot: number;
  live_count: number | string;
}

export interface CustomerTables {
  customers: CustomersTable;
  subscriptions: SubscriptionsTable;
  customer_counts: CustomerCountsTable;
}
