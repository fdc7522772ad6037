// What the benefits service (and the products module) need from a database.
// Every finder returns live (not soft-deleted) benefits only.
import type { SortKey } from "../../platform/schema/list-query.js";
import type { BenefitChanges, BenefitRecord, BenefitType, NewBenefit } from "./model.js";

export type BenefitSortField = "created_at" | "description" | "type" | "user_order";

export interface ListBenefitsQuery {
  organizationIds: readonly string[];
  types?: BenefitType[];
  ids?: string[];
  excludeIds?: string[];
  /** Case-insensitive substring of the description; `%` and `_` act as wildcards, as on Polar. */
  query?: string;
  metadata?: Record<string, string[]>;
  sorting: SortKey<BenefitSortField>[];
  limit: number;
  offset: number;
}

export interface BenefitPage {
  items: BenefitRecord[];
  totalCount: number;
}

export interface BenefitStore {
  /** Removes every row of one organization (test resets); the organization itself stays. */
  deleteOrganizationData(organizationId: string): Promise<void>;
  insert(benefit: NewBenefit): Promise<BenefitRecord>;
  findById(organizationIds: readonly string[], id: string): Promise<BenefitRecord | undefined>;
  /** The live benefits among `ids` in the organizations, in no particular order. */
  findMany(organizationIds: readonly string[], ids: readonly string[]): Promise<BenefitRecord[]>;
  /** Benefits by id, deleted ones included (revoked grants of a deleted benefit still show it). */
  findManyIncludingDeleted(ids: readonly string[]): Promise<BenefitRecord[]>;
  /** Applies changes to a live benefit; undefined if it is gone. */
  update(current: BenefitRecord, changes: BenefitChanges): Promise<BenefitRecord | undefined>;
  list(query: ListBenefitsQuery): Promise<BenefitPage>;
  /** Whether a live meter_credit benefit credits this meter. */
  meterUsedByActiveBenefit(meterId: string): Promise<boolean>;
}
