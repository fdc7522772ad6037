// What the subscriptions service, the period-end job and customer state need
// from a database. Only subscriptions with started_at are visible.
import type { SortKey } from "../../platform/schema/list-query.js";
import type { CancellationReason, SubscriptionChanges, SubscriptionRecord, SubscriptionStatus } from "./model.js";

export type SubscriptionSortField =
  "customer" | "status" | "started_at" | "current_period_end" | "ended_at" | "ends_at" | "amount" | "product" | "discount";

export interface ListSubscriptionsQuery {
  organizationIds: readonly string[];
  productIds?: string[];
  customerIds?: string[];
  externalCustomerIds?: string[];
  discountIds?: string[];
  statuses?: SubscriptionStatus[];
  cancellationReasons?: CancellationReason[];
  cancelAtPeriodEnd?: boolean;
  canceledAtAfter?: Date;
  canceledAtBefore?: Date;
  startedAfter?: Date;
  startedBefore?: Date;
  metadata?: Record<string, string[]>;
  sorting: SortKey<SubscriptionSortField>[];
  limit: number;
  offset: number;
}

export interface SubscriptionPage {
  items: SubscriptionRecord[];
  totalCount: number;
}

export interface DueQuery {
  upTo: Date;
  organizationIds?: readonly string[];
  excludeOrganizationIds?: readonly string[];
}

export interface SubscriptionStore {
  /** Removes every subscription of one organization and the grants hanging off them (test resets). */
  deleteOrganizationData(organizationId: string): Promise<void>;
  insert(subscription: SubscriptionRecord): Promise<SubscriptionRecord>;
  findById(organizationIds: readonly string[], id: string): Promise<SubscriptionRecord | undefined>;
  /** The subscription with its row locked until the transaction ends (call inside one). */
  lock(id: string): Promise<SubscriptionRecord | undefined>;
  update(id: string, changes: SubscriptionChanges): Promise<SubscriptionRecord>;
  list(query: ListSubscriptionsQuery): Promise<SubscriptionPage>;
  /** The customer's trialing/active subscriptions, oldest first (customer state). */
  activeOfCustomer(customerId: string): Promise<SubscriptionRecord[]>;
  /** The customer's subscriptions that have not ended (customer deletion cancels them). */
  unendedOfCustomer(customerId: string): Promise<SubscriptionRecord[]>;
  /** Ids of every visible subscription of a product (its benefits changed). */
  idsOfProduct(productId: string): Promise<string[]>;
  /**
   * Inside a transaction: the billable subscription of a live customer with
   * the earliest period end ≤ upTo, locked; rows another transaction holds are
   * skipped (PostgreSQL), so concurrent workers never take the same one.
   */
  /** Whether some period end is due, read without a lock or a write transaction (what an idle scheduler pass costs). */
  anyDue(query: DueQuery): Promise<boolean>;
  claimNextDue(query: DueQuery): Promise<SubscriptionRecord | undefined>;
}
