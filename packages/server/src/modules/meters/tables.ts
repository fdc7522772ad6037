// The meters table as Kysely sees it (encoded column values, see platform/storage/codec.ts).
import type { JsonValue, TimeValue } from "../../platform/storage/codec.js";

export interface MetersTable {
  id: string;
  organization_id: string;
  created_at: TimeValue;
  modified_at: TimeValue | null;
  archived_at: TimeValue | null;
  name: string;
  /** Lower-cased in JS, so the `query` filter folds case identically on both backends. */
  name_key: string;
  unit: string;
  custom_label: string | null;
  custom_multiplier: number | null;
  filter: JsonValue;
  aggregation: JsonValue;
  metadata: JsonValue;
}

export interface MeterTables {
  meters: MetersTable;
}
