// A product, its prices and the ids of its benefits as the service and the
// store see them.

import type { Metadata } from "../customers/index.js";

export const RECURRING_INTERVALS = ["day", "week", "month", "year"] as const;
export type RecurringInterval = (typeof RECURRING_INTERVALS)[number];

export const PRODUCT_VISIBILITIES = ["draft", "private", "public"] as const;
export type ProductVisibility = (typeof PRODUCT_VISIBILITIES)[number];

export const TAX_BEHAVIORS = ["location", "inclusive", "exclusive"] as const;
export type TaxBehavior = (typeof TAX_BEHAVIORS)[number];

export type AmountType = "fixed" | "custom" | "metered_unit" | "seat_based";

/** The currency every organization presents by default; its prices must always be present. */
export const DEFAULT_CURRENCY = "usd";

export interface PriceRecord {
  id: string;
  productId: string;
  createdAt: Date;
  modifiedAt: Date | null;
  amountType: AmountType;
  priceCurrency: string;
  taxBehavior: TaxBehavior | null;
  isArchived: boolean;
  /** Order among prices created together (created_at ties). */
  position: number;
  /** fixed: the amount in minor units (0 = free). */
  priceAmount: number | null;
  /** custom (pay what you want). */
  minimumAmount: number | null;
  maximumAmount: number | null;
  presetAmount: number | null;
  /** metered_unit: the meter, the price per unit as a decimal string, an optional cap in minor units. */
  meterId: string | null;
  unitAmount: string | null;
  capAmount: number | null;
}

export type NewPrice = Omit<PriceRecord, "modifiedAt" | "isArchived">;

export interface ProductRecord {
  id: string;
  organizationId: string;
  createdAt: Date;
  modifiedAt: Date | null;
  name: string;
  description: string | null;
  visibility: ProductVisibility;
  recurringInterval: RecurringInterval | null;
  recurringIntervalCount: number | null;
  trialInterval: RecurringInterval | null;
  trialIntervalCount: number | null;
  meterInterval: RecurringInterval | null;
  meterIntervalCount: number | null;
  isArchived: boolean;
  metadata: Metadata;
  /** Active (non-archived) prices, in Polar's display order. */
  prices: PriceRecord[];
  /** Attached benefits, in display order. */
  benefitIds: string[];
}

export type NewProduct = Omit<ProductRecord, "modifiedAt" | "isArchived" | "prices" | "benefitIds">;

export type ProductChanges = Partial<
  Pick<
    ProductRecord,
    "name" | "description" | "visibility" | "trialInterval" | "trialIntervalCount" | "isArchived" | "metadata" | "modifiedAt"
  >
>;

/** Fixed and custom prices first, then metered, then seat-based; creation order within each. */
const DISPLAY_RANK: Record<AmountType, number> = { fixed: 0, custom: 0, metered_unit: 1, seat_based: 2 };

export const byDisplayOrder = (a: PriceRecord, b: PriceRecord): number =>
  DISPLAY_RANK[a.amountType] - DISPLAY_RANK[b.amountType] || a.createdAt.getTime() - b.createdAt.getTime() || a.position - b.position;
