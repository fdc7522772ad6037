// The products tables as Kysely sees them (encoded column values).
import type { BoolValue, JsonValue, TimeValue } from "../../platform/storage/codec.js";

export interface ProductsTable {
  id: string;
  organization_id: string;
  created_at: TimeValue;
  modified_at: TimeValue | null;
  deleted_at: TimeValue | null;
  name: string;
  /** Lower-cased in JS, for the case-insensitive `query` filter on both backends. */
  name_key: string;
  description: string | null;
  visibility: string;
  recurring_interval: string | null;
  recurring_interval_count: number | null;
  trial_interval: string | null;
  trial_interval_count: number | null;
  meter_interval: string | null;
  meter_interval_count: number | null;
  is_archived: BoolValue;
  metadata: JsonValue;
}

export interface ProductPricesTable {
  id: string;
  product_id: string;
  created_at: TimeValue;
  modified_at: TimeValue | null;
  position: number;
  amount_type: string;
  price_currency: string;
  tax_behavior: string | null;
  is_archived: BoolValue;
  price_amount: number | string | null;
  minimum_amount: number | string | null;
  maximum_amount: number | string | null;
  preset_amount: number | string | null;
  meter_id: string | null;
  unit_amount: string | null;
  cap_amount: number | string | null;
}

export interface ProductBenefitsTable {
  product_id: string;
  benefit_id: string;
  position: number;
}

export interface ProductTables {
  products: ProductsTable;
  product_prices: ProductPricesTable;
  product_benefits: ProductBenefitsTable;
}
