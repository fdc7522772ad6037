// What the products service needs from a database. Products come with their
// active prices and the ids of their benefits, in display order.
import type { SortKey } from "../../platform/schema/list-query.js";
import type { NewPrice, NewProduct, PriceRecord, ProductChanges, ProductRecord, ProductVisibility } from "./model.js";

export type ProductSortField = "created_at" | "name" | "price_amount_type" | "price_amount";

export interface ListProductsQuery {
  organizationIds: readonly string[];
  ids?: string[];
  /** Case-insensitive substring of the name; `%` and `_` act as wildcards, as on Polar. */
  query?: string;
  isArchived?: boolean;
  isRecurring?: boolean;
  /** Products granting any of these benefits. */
  benefitIds?: string[];
  visibility?: ProductVisibility[];
  metadata?: Record<string, string[]>;
  sorting: SortKey<ProductSortField>[];
  limit: number;
  offset: number;
}

export interface ProductPage {
  items: ProductRecord[];
  totalCount: number;
}

export interface PriceChanges {
  /** Prices of the product to archive (they vanish from `prices`). */
  archive: readonly string[];
  insert: readonly NewPrice[];
}

export interface ProductStore {
  /** Removes every row of one organization (test resets); the organization itself stays. */
  deleteOrganizationData(organizationId: string): Promise<void>;
  /** The product and its prices, atomically. */
  insert(product: NewProduct, prices: readonly NewPrice[]): Promise<ProductRecord>;
  findById(organizationIds: readonly string[], id: string): Promise<ProductRecord | undefined>;
  /** Column changes and price changes, atomically. */
  update(id: string, changes: ProductChanges, prices?: PriceChanges): Promise<ProductRecord | undefined>;
  /** Prices by id, archived ones included (a subscription keeps the prices it was created with). */
  findPrices(ids: readonly string[]): Promise<PriceRecord[]>;
  /** Replaces the product's benefits with `benefitIds` (in this order), atomically. */
  setBenefits(id: string, benefitIds: readonly string[]): Promise<ProductRecord | undefined>;
  /** Removes a benefit from every product (when the benefit is deleted). */
  detachBenefit(benefitId: string): Promise<void>;
  list(query: ListProductsQuery): Promise<ProductPage>;
  /** Whether an active price of a live, non-archived product is metered on this meter. */
  meterUsedByActiveProduct(meterId: string): Promise<boolean>;
}
