import { randomUUID } from "node:crypto";
// The status transitions of §4.6 and what follows from them, on the stores of
// one transaction: every status change re-syncs the subscription's grants
// (trialing/active → the product's benefits, anything else → none), renewals
// cycle grants and reset the metered prices' meters.
import { recordStateChanged, type EventSink } from "../../platform/events.js";
import type { BenefitStore } from "../benefits/index.js";
import { cycleSubscriptionGrants, syncSubscriptionGrants, type GrantStore, type MeterLedger } from "../grants/index.js";
import type { ProductStore } from "../products/index.js";
import { isActive, type CancellationReason, type SubscriptionChanges, type SubscriptionRecord } from "./model.js";
import { periodEnd } from "./periods.js";
import type { SubscriptionStore } from "./store.js";

/** The stores a subscription change writes through, all on one transaction. */
export interface SubscriptionTx {
  /** Where the change's events go, on the same transaction (platform/events.ts). */
  outbox: EventSink;
  subscriptions: SubscriptionStore;
  grants: GrantStore;
  benefits: Pick<BenefitStore, "findMany">;
  products: Pick<ProductStore, "findById">;
}

/** A transaction's stores plus the meter ledger bound to it (absent until the usage module is wired). */
export interface SubscriptionUnit extends SubscriptionTx {
  ledger?: MeterLedger;
}

export const SUBSCRIPTION_EVENT_TYPES = [
  "subscription.created",
  "subscription.active",
  "subscription.updated",
  "subscription.canceled",
  "subscription.uncanceled",
  "subscription.revoked",
  "subscription.cycled",
] as const;
export type SubscriptionEventType = (typeof SUBSCRIPTION_EVENT_TYPES)[number];

/**
 * A subscription webhook. Its `data` is the subscription as it is when the
 * webhook is sent, as Polar reloads it; each event is its own (a unique
 * debounce key: nothing is coalesced), sent in the order recorded.
 */
export const subscriptionEvent = (unit: Pick<SubscriptionTx, "outbox">, type: SubscriptionEventType, s: SubscriptionRecord, at: Date) =>
  unit.outbox.recordDeferred({
    type,
    organizationId: s.organizationId,
    occurredAt: at,
    subjectId: s.id,
    debounceKey: `${type}:${randomUUID()}`,
  });

/** The webhooks a change from `before` to `after` gives, in Polar's order (state-domain.md §8). */
export async function subscriptionEvents(unit: SubscriptionUnit, before: SubscriptionRecord, after: SubscriptionRecord, at: Date) {
  await subscriptionEvent(unit, "subscription.updated", after, at);
  // Entering trialing/active from a non-active status (not trialing ↔ active, which both count as active).
  if (isActive(after) && !isActive(before) && before.status !== "paused") await subscriptionEvent(unit, "subscription.active", after, at);
  const canceledNow = after.canceledAt !== null && (before.canceledAt === null || REVOKED.has(after.status) !== REVOKED.has(before.status));
  if (canceledNow) await subscriptionEvent(unit, "subscription.canceled", after, at);
  if (before.cancelAtPeriodEnd && !after.cancelAtPeriodEnd && after.canceledAt === null)
    await subscriptionEvent(unit, "subscription.uncanceled", after, at);
  if (REVOKED.has(after.status) && !REVOKED.has(before.status)) await subscriptionEvent(unit, "subscription.revoked", after, at);
}

const REVOKED: ReadonlySet<string> = new Set(["canceled", "unpaid"]);

/** Grants follow the status: the product's benefits while trialing/active, none otherwise. */
export async function syncGrants(unit: SubscriptionUnit, subscription: SubscriptionRecord, at: Date): Promise<void> {
  await recordStateChanged(unit.outbox, subscription.organizationId, subscription.customerId, at);
  let benefitIds: string[] = [];
  if (isActive(subscription)) {
    const product = await unit.products.findById([subscription.organizationId], subscription.productId);
    benefitIds = product?.benefitIds ?? [];
  }
  await syncSubscriptionGrants(
    { grants: unit.grants, benefits: unit.benefits, ledger: unit.ledger, outbox: unit.outbox },
    { organizationId: subscription.organizationId, customerId: subscription.customerId, subscriptionId: subscription.id },
    benefitIds,
    at,
  );
}

export async function change(unit: SubscriptionUnit, s: SubscriptionRecord, changes: SubscriptionChanges, at: Date) {
  const updated = await unit.subscriptions.update(s.id, { ...changes, modifiedAt: at });
  await subscriptionEvents(unit, s, updated, at);
  if (changes.status !== undefined || changes.productId !== undefined) await syncGrants(unit, updated, at);
  else await recordStateChanged(unit.outbox, updated.organizationId, updated.customerId, at);
  return updated;
}

/** Ends the subscription now (DELETE, `revoke: true`, customer deletion). */
export function revokeNow(
  unit: SubscriptionUnit,
  s: SubscriptionRecord,
  at: Date,
  reason?: { reason?: CancellationReason | null; comment?: string | null },
): Promise<SubscriptionRecord> {
  const changes: SubscriptionChanges = { status: "canceled", canceledAt: at, endsAt: at, endedAt: at };
  if (reason?.reason) changes.customerCancellationReason = reason.reason;
  if (reason?.comment) changes.customerCancellationComment = reason.comment;
  return change(unit, s, changes, at);
}

async function resetMeters(unit: SubscriptionUnit, s: SubscriptionRecord, at: Date): Promise<void> {
  if (!unit.ledger) return;
  for (const meterId of new Set(s.meters.map((m) => m.meterId))) {
    await unit.ledger.reset({ organizationId: s.organizationId, customerId: s.customerId, meterId, at });
  }
}

/**
 * What happens at `current_period_end` (which is also the processing time):
 * a scheduled cancellation ends the subscription, anything else renews it.
 */
export async function processPeriodEnd(unit: SubscriptionUnit, s: SubscriptionRecord): Promise<SubscriptionRecord> {
  const at = s.currentPeriodEnd;
  await resetMeters(unit, s, at);
  if (s.cancelAtPeriodEnd) return change(unit, s, { status: "canceled", endedAt: at }, at);
  // A trial's end becomes the anchor of the paid periods.
  const anchorDay = s.status === "trialing" ? at.getUTCDate() : s.anchorDay;
  await subscriptionEvent(unit, "subscription.cycled", s, at);
  const renewed = await change(
    unit,
    s,
    {
      status: s.status === "trialing" ? "active" : s.status,
      currentPeriodStart: at,
      currentPeriodEnd: periodEnd(at, s.recurringInterval, s.recurringIntervalCount, anchorDay),
      anchorDay,
    },
    at,
  );
  await cycleSubscriptionGrants({ grants: unit.grants, benefits: unit.benefits, ledger: unit.ledger, outbox: unit.outbox }, s.id, at);
  return renewed;
}
