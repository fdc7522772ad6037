// A subscription as the service and the store see it.
import type { Metadata } from "../customers/index.js";
import type { RecurringInterval } from "../products/index.js";

export const SUBSCRIPTION_STATUSES = [
  "incomplete",
  "incomplete_expired",
  "trialing",
  "active",
  "past_due",
  "canceled",
  "unpaid",
  "paused",
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** Customer state and grants: these statuses hold the product's benefits. */
export const ACTIVE_STATUSES: readonly SubscriptionStatus[] = ["trialing", "active"];
/** Statuses the period-end job renews (and a cancel may be scheduled in). */
export const BILLABLE_STATUSES: readonly SubscriptionStatus[] = ["trialing", "active", "past_due"];

export const CANCELLATION_REASONS = [
  "customer_service",
  "low_quality",
  "missing_features",
  "switched_service",
  "too_complex",
  "too_expensive",
  "unused",
  "other",
] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

/** One metered price of the subscription: what its `meters[]` entry is computed from. */
export interface SubscriptionMeterRecord {
  id: string;
  createdAt: Date;
  meterId: string;
  priceId: string;
  /** The price's decimal unit amount and cap, kept so the amount needs no price lookup. */
  unitAmount: string;
  capAmount: number | null;
}

export interface SubscriptionRecord {
  id: string;
  organizationId: string;
  customerId: string;
  productId: string;
  createdAt: Date;
  modifiedAt: Date | null;
  status: SubscriptionStatus;
  amount: number;
  currency: string;
  recurringInterval: RecurringInterval;
  recurringIntervalCount: number;
  currentPeriodStart: Date;
  currentPeriodEnd: Date;
  /** The day of month periods end on (month/year intervals), clamped to shorter months. */
  anchorDay: number;
  trialStart: Date | null;
  trialEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  canceledAt: Date | null;
  startedAt: Date;
  endsAt: Date | null;
  endedAt: Date | null;
  pastDueAt: Date | null;
  customerCancellationReason: CancellationReason | null;
  customerCancellationComment: string | null;
  metadata: Metadata;
  /** The subscription's own prices (kept when the product's prices change later), display order. */
  priceIds: string[];
  meters: SubscriptionMeterRecord[];
}

export type SubscriptionChanges = Partial<Omit<SubscriptionRecord, "id" | "organizationId" | "customerId" | "createdAt" | "startedAt">>;

export const isActive = (s: Pick<SubscriptionRecord, "status">) => ACTIVE_STATUSES.includes(s.status);
export const isBillable = (s: Pick<SubscriptionRecord, "status">) => BILLABLE_STATUSES.includes(s.status);
