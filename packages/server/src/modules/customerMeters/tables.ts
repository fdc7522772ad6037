// The customer_meters table as Kysely sees it, plus the columns of the
// customers and meters tables its list joins on (filters and sorting).
import type { TimeValue } from "../../platform/storage/codec.js";

export interface CustomerMetersTable {
  id: string;
  organization_id: string;
  customer_id: string;
  meter_id: string;
  created_at: TimeValue;
  modified_at: TimeValue | null;
}

export interface CustomerMeterTables {
  customer_meters: CustomerMetersTable;
  customers: { id: string; organization_id: string; external_id: string | null; name: string | null; deleted_at: TimeValue | null };
  meters: { id: string; name: string; archived_at: TimeValue | null };
}
