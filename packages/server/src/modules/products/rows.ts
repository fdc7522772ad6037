// Row ⇄ record mapping for products and prices.
import type { Selectable, Updateable } from "kysely";
import { readTimeOrNull, timeOrNull, type Codec } from "../../platform/storage/codec.js";
import { foldKey } from "../../platform/storage/keys.js";
import type { Metadata } from "../customers/index.js";
import type {
  AmountType,
  NewPrice,
  NewProduct,
  PriceRecord,
  ProductChanges,
  ProductRecord,
  ProductVisibility,
  RecurringInterval,
  TaxBehavior,
} from "./model.js";
import type { ProductPricesTable, ProductsTable } from "./tables.js";

export const PRODUCT_COLUMNS = [
  "id",
  "organization_id",
  "created_at",
  "modified_at",
  "name",
  "description",
  "visibility",
  "recurring_interval",
  "recurring_interval_count",
  "trial_interval",
  "trial_interval_count",
  "meter_interval",
  "meter_interval_count",
  "is_archived",
  "metadata",
] as const satisfies readonly (keyof ProductsTable)[];

export const PRICE_COLUMNS = [
  "id",
  "product_id",
  "created_at",
  "modified_at",
  "position",
  "amount_type",
  "price_currency",
  "tax_behavior",
  "is_archived",
  "price_amount",
  "minimum_amount",
  "maximum_amount",
  "preset_amount",
  "meter_id",
  "unit_amount",
  "cap_amount",
] as const satisfies readonly (keyof ProductPricesTable)[];

export type ProductRow = Pick<Selectable<ProductsTable>, (typeof PRODUCT_COLUMNS)[number]>;
export type PriceRow = Pick<Selectable<ProductPricesTable>, (typeof PRICE_COLUMNS)[number]>;

const intOrNull = (value: number | string | null): number | null => (value === null ? null : Number(value));

/** Twelve decimal places, the form the database keeps a unit amount in ("0.5" → "0.500000000000"). */
export function storedDecimal(text: string): string {
  const negative = text.startsWith("-");
  const [whole, fraction = ""] = (negative ? text.slice(1) : text).split(".");
  return `${negative ? "-" : ""}${whole || "0"}.${fraction.padEnd(12, "0").slice(0, 12)}`;
}

export function productFromRow(codec: Codec, row: ProductRow, prices: PriceRecord[], benefitIds: string[]): ProductRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    createdAt: codec.readTime(row.created_at),
    modifiedAt: readTimeOrNull(codec, row.modified_at),
    name: row.name,
    description: row.description,
    visibility: row.visibility as ProductVisibility,
    recurringInterval: row.recurring_interval as RecurringInterval | null,
    recurringIntervalCount: intOrNull(row.recurring_interval_count),
    trialInterval: row.trial_interval as RecurringInterval | null,
    trialIntervalCount: intOrNull(row.trial_interval_count),
    meterInterval: row.meter_interval as RecurringInterval | null,
    meterIntervalCount: intOrNull(row.meter_interval_count),
    isArchived: codec.readBool(row.is_archived),
    metadata: codec.readJson(row.metadata) as Metadata,
    prices,
    benefitIds,
  };
}

export function priceFromRow(codec: Codec, row: PriceRow): PriceRecord {
  return {
    id: row.id,
    productId: row.product_id,
    createdAt: codec.readTime(row.created_at),
    modifiedAt: readTimeOrNull(codec, row.modified_at),
    position: Number(row.position),
    amountType: row.amount_type as AmountType,
    priceCurrency: row.price_currency,
    taxBehavior: row.tax_behavior as TaxBehavior | null,
    isArchived: codec.readBool(row.is_archived),
    priceAmount: intOrNull(row.price_amount),
    minimumAmount: intOrNull(row.minimum_amount),
    maximumAmount: intOrNull(row.maximum_amount),
    presetAmount: intOrNull(row.preset_amount),
    meterId: row.meter_id,
    unitAmount: row.unit_amount === null ? null : storedDecimal(String(row.unit_amount)),
    capAmount: intOrNull(row.cap_amount),
  };
}

export function productToRow(codec: Codec, p: NewProduct): ProductsTable {
  return {
    id: p.id,
    organization_id: p.organizationId,
    created_at: codec.time(p.createdAt),
    modified_at: null,
    deleted_at: null,
    name: p.name,
    name_key: foldKey(p.name)!,
    description: p.description,
    visibility: p.visibility,
    recurring_interval: p.recurringInterval,
    recurring_interval_count: p.recurringIntervalCount,
    trial_interval: p.trialInterval,
    trial_interval_count: p.trialIntervalCount,
    meter_interval: p.meterInterval,
    meter_interval_count: p.meterIntervalCount,
    is_archived: codec.bool(false),
    metadata: codec.json(p.metadata),
  };
}

export function priceToRow(codec: Codec, p: NewPrice): ProductPricesTable {
  return {
    id: p.id,
    product_id: p.productId,
    created_at: codec.time(p.createdAt),
    modified_at: null,
    position: p.position,
    amount_type: p.amountType,
    price_currency: p.priceCurrency,
    tax_behavior: p.taxBehavior,
    is_archived: codec.bool(false),
    price_amount: p.priceAmount,
    minimum_amount: p.minimumAmount,
    maximum_amount: p.maximumAmount,
    preset_amount: p.presetAmount,
    meter_id: p.meterId,
    unit_amount: p.unitAmount === null ? null : storedDecimal(p.unitAmount),
    cap_amount: p.capAmount,
  };
}

export function productChangesToRow(codec: Codec, c: ProductChanges): Updateable<ProductsTable> {
  const row: Updateable<ProductsTable> = {};
  if (c.name !== undefined) {
    row.name = c.name;
    row.name_key = foldKey(c.name)!;
  }
  if (c.description !== undefined) row.description = c.description;
  if (c.visibility !== undefined) row.visibility = c.visibility;
  if (c.trialInterval !== undefined) row.trial_interval = c.trialInterval;
  if (c.trialIntervalCount !== undefined) row.trial_interval_count = c.trialIntervalCount;
  if (c.isArchived !== undefined) row.is_archived = codec.bool(c.isArchived);
  if (c.metadata !== undefined) row.metadata = codec.json(c.metadata);
  if (c.modifiedAt !== undefined) row.modified_at = timeOrNull(codec, c.modifiedAt);
  return row;
}
