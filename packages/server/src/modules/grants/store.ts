// What the grants logic and the grant listings need from a database.
import type { SortKey } from "../../platform/schema/list-query.js";
import type { GrantKey, GrantRecord } from "./model.js";
import type { BenefitType, Metadata } from "./deps.js";

export interface StateGrant {
  grant: GrantRecord;
  benefitType: BenefitType;
  benefitMetadata: Metadata;
}

export type GrantSortField = "created_at" | "granted_at" | "revoked_at";

export interface ListGrantsQuery {
  organizationIds: readonly string[];
  benefitId?: string;
  customerIds?: string[];
  /** Customers by exact external id (live customers of the listed organizations). */
  externalCustomerIds?: string[];
  isGranted?: boolean;
  sorting: SortKey<GrantSortField>[];
  limit: number;
  offset: number;
}

export interface GrantPage {
  items: GrantRecord[];
  totalCount: number;
}

export interface GrantStore {
  deleteOrganizationData(organizationId: string): Promise<void>;
  /** The grant row of this identity, created (not granted) if there was none; concurrent callers get the same row. */
  ensure(key: GrantKey, id: string, at: Date): Promise<GrantRecord>;
  /** Marks the grant granted unless it already is; undefined when another caller got there first. */
  markGranted(id: string, at: Date, properties: Record<string, unknown>): Promise<GrantRecord | undefined>;
  /** Marks the grant revoked unless it is not granted; undefined when it was not. */
  markRevoked(id: string, at: Date): Promise<GrantRecord | undefined>;
  setProperties(id: string, at: Date, properties: Record<string, unknown>): Promise<void>;
  /** One grant by id, whatever its state (webhooks render it when sent). */
  findById(id: string): Promise<GrantRecord | undefined>;
  /** Granted grants of a subscription. */
  grantedOfSubscription(subscriptionId: string): Promise<GrantRecord[]>;
  /** Granted grants of a benefit, over all customers. */
  grantedOfBenefit(benefitId: string): Promise<GrantRecord[]>;
  /** The customer's granted grants with their benefit's type and current metadata, oldest first: one indexed query (customer state). */
  stateOfCustomer(customerId: string): Promise<StateGrant[]>;
  /** Whether the customer still holds a granted grant of the benefit (from any subscription). */
  customerHoldsBenefit(customerId: string, benefitId: string): Promise<boolean>;
  list(query: ListGrantsQuery): Promise<GrantPage>;
}
