// The events table as Kysely sees it (encoded column values, see platform/storage/codec.ts).
import type { JsonValue, TimeValue } from "../../platform/storage/codec.js";

export interface EventsTable {
  id: string;
  organization_id: string;
  source: string;
  name: string;
  timestamp: TimeValue;
  ingested_at: TimeValue;
  customer_id: string | null;
  external_customer_id: string | null;
  member_id: string | null;
  external_member_id: string | null;
  external_id: string | null;
  parent_id: string | null;
  meter_id: string | null;
  metadata: JsonValue;
}

export interface EventTables {
  events: EventsTable;
}
