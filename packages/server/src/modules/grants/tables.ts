// The benefit_grants table as Kysely sees it (encoded column values).
import type { JsonValue, TimeValue } from "../../platform/storage/codec.js";

export interface BenefitGrantsTable {
  id: string;
  organization_id: string;
  customer_id: string;
  benefit_id: string;
  subscription_id: string | null;
  created_at: TimeValue;
  modified_at: TimeValue | null;
  granted_at: TimeValue | null;
  revoked_at: TimeValue | null;
  properties: JsonValue;
}

export interface GrantTables {
  benefit_grants: BenefitGrantsTable;
}
