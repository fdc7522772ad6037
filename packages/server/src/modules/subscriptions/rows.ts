// Row ⇄ record mapping for subscriptions.
import type { Selectable, Updateable } from "kysely";
import { readTimeOrNull, timeOrNull, type Codec } from "../../platform/storage/codec.js";
import type { Metadata } from "../customers/index.js";
import type { RecurringInterval } from "../products/index.js";
import type { CancellationReason, SubscriptionChanges, SubscriptionMeterRecord, SubscriptionRecord, SubscriptionStatus } from "./model.js";
import type { SubscriptionsTable } from "./tables.js";

export const SUBSCRIPTION_COLUMNS = [
  "id",
  "organization_id",
  "customer_id",
  "product_id",
  "created_at",
  "modified_at",
  "status",
  "amount",
  "currency",
  "recurring_interval",
  "recurring_interval_count",
  "current_period_start",
  "current_period_end",
  "anchor_day",
  "trial_start",
  "trial_end",
  "cancel_at_period_end",
  "canceled_at",
  "started_at",
  "ends_at",
  "ended_at",
  "past_due_at",
  "customer_cancellation_reason",
  "customer_cancellation_comment",
  "metadata",
  "price_ids",
  "meters",
] as const satisfies readonly (keyof SubscriptionsTable)[];

export type SubscriptionRow = Pick<Selectable<SubscriptionsTable>, (typeof SUBSCRIPTION_COLUMNS)[number]>;

interface StoredMeter {
  id: string;
  created_at: string;
  meter_id: string;
  price_id: string;
  unit_amount: string;
  cap_amount: number | null;
}

const meterFromJson = (m: StoredMeter): SubscriptionMeterRecord => ({
  id: m.id,
  createdAt: new Date(m.created_at),
  meterId: m.meter_id,
  priceId: m.price_id,
  unitAmount: m.unit_amount,
  capAmount: m.cap_amount,
});

const meterToJson = (m: SubscriptionMeterRecord): StoredMeter => ({
  id: m.id,
  created_at: m.createdAt.toISOString(),
  meter_id: m.meterId,
  price_id: m.priceId,
  unit_amount: m.unitAmount,
  cap_amount: m.capAmount,
});

/** Only rows with started_at (written by this module) are read through here. */
export function subscriptionFromRow(codec: Codec, row: SubscriptionRow): SubscriptionRecord {
  return {
    id: row.id,
    organizationId: row.organization_id!,
    customerId: row.customer_id,
    productId: row.product_id!,
    createdAt: codec.readTime(row.created_at),
    modifiedAt: readTimeOrNull(codec, row.modified_at),
    status: row.status as SubscriptionStatus,
    amount: Number(row.amount),
    currency: row.currency!,
    recurringInterval: row.recurring_interval as RecurringInterval,
    recurringIntervalCount: Number(row.recurring_interval_count),
    currentPeriodStart: codec.readTime(row.current_period_start),
    currentPeriodEnd: codec.readTime(row.current_period_end),
    anchorDay: Number(row.anchor_day),
    trialStart: readTimeOrNull(codec, row.trial_start),
    trialEnd: readTimeOrNull(codec, row.trial_end),
    cancelAtPeriodEnd: codec.readBool(row.cancel_at_period_end),
    canceledAt: readTimeOrNull(codec, row.canceled_at),
    startedAt: codec.readTime(row.started_at),
    endsAt: readTimeOrNull(codec, row.ends_at),
    endedAt: readTimeOrNull(codec, row.ended_at),
    pastDueAt: readTimeOrNull(codec, row.past_due_at),
    customerCancellationReason: row.customer_cancellation_reason as CancellationReason | null,
    customerCancellationComment: row.customer_cancellation_comment,
    metadata: codec.readJson(row.metadata) as Metadata,
    priceIds: codec.readJson(row.price_ids) as string[],
    meters: (codec.readJson(row.meters) as StoredMeter[]).map(meterFromJson),
  };
}

export function subscriptionToRow(codec: Codec, s: SubscriptionRecord): SubscriptionsTable {
  return {
    id: s.id,
    organization_id: s.organizationId,
    customer_id: s.customerId,
    product_id: s.productId,
    created_at: codec.time(s.createdAt),
    deleted_at: null,
    ...changesToRow(codec, s),
  } as SubscriptionsTable;
}

export function changesToRow(codec: Codec, c: SubscriptionChanges & { startedAt?: Date }): Updateable<SubscriptionsTable> {
  const row: Updateable<SubscriptionsTable> = {};
  const time = (key: keyof SubscriptionsTable, value: Date | null | undefined) => {
    if (value !== undefined) (row as Record<string, unknown>)[key] = timeOrNull(codec, value);
  };
  if (c.productId !== undefined) row.product_id = c.productId;
  time("modified_at", c.modifiedAt);
  if (c.status !== undefined) row.status = c.status;
  if (c.amount !== undefined) row.amount = c.amount;
  if (c.currency !== undefined) row.currency = c.currency;
  if (c.recurringInterval !== undefined) row.recurring_interval = c.recurringInterval;
  if (c.recurringIntervalCount !== undefined) row.recurring_interval_count = c.recurringIntervalCount;
  time("current_period_start", c.currentPeriodStart);
  time("current_period_end", c.currentPeriodEnd);
  if (c.anchorDay !== undefined) row.anchor_day = c.anchorDay;
  time("trial_start", c.trialStart);
  time("trial_end", c.trialEnd);
  if (c.cancelAtPeriodEnd !== undefined) row.cancel_at_period_end = codec.bool(c.cancelAtPeriodEnd);
  time("canceled_at", c.canceledAt);
  time("started_at", c.startedAt);
  time("ends_at", c.endsAt);
  time("ended_at", c.endedAt);
  time("past_due_at", c.pastDueAt);
  if (c.customerCancellationReason !== undefined) row.customer_cancellation_reason = c.customerCancellationReason;
  if (c.customerCancellationComment !== undefined) row.customer_cancellation_comment = c.customerCancellationComment;
  if (c.metadata !== undefined) row.metadata = codec.json(c.metadata);
  if (c.priceIds !== undefined) row.price_ids = codec.json(c.priceIds);
  if (c.meters !== undefined) row.meters = codec.json(c.meters.map(meterToJson));
  return row;
}
