// The benefits table as Kysely sees it (encoded column values).
import type { JsonValue, TimeValue } from "../../platform/storage/codec.js";

export interface BenefitsTable {
  id: string;
  organization_id: string;
  created_at: TimeValue;
  modified_at: TimeValue | null;
  deleted_at: TimeValue | null;
  type: string;
  description: string;
  /** Lower-cased in JS, for the case-insensitive `query` filter on both backends. */
  description_key: string;
  visibility: string;
  metadata: JsonValue;
  properties: JsonValue;
  /** The meter a meter_credit benefit credits (derived from properties), so "who uses this meter" is an index lookup. */
  meter_id: string | null;
}

export interface BenefitTables {
  benefits: BenefitsTable;
}
