// The customer_meters table as Kysely sees it, plus the columns of the
// customers and meters tables it joins on (the list's filters and sorting, a customer's rows with their meters).
import type { TimeValue } from "../../platform/storage/codec.js";
import type { MeterRow } from "../meters/index.js";

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
  meters: MeterRow;
}
