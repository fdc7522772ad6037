import type { CustomerRecord } from "../customers/index.js";
import type { MeterRecord } from "../meters/index.js";
import type { SubscriptionRecord } from "./model.js";
import type { MeterUsage } from "./responses.js";

// The usage port: what subscriptions and customer state read of metered usage.
// The usage module implements it; the composition wires it (absent → zeros).

export interface UsageCustomer {
  id: string;
  organizationId: string;
  externalId: string | null;
}

export interface ActiveMeter {
  id: string;
  created_at: string;
  modified_at: string | null;
  meter_id: string;
  consumed_units: number;
  credited_units: number;
  balance: number;
}

/** A subscription meter's window: the meter's aggregation over the events ingested since the period started. */
export interface ConsumedWindow {
  meterId: string;
  since: Date;
}

export interface UsageReader {
  /** Every customer-meter row of the customer, oldest first (customer state's active_meters). */
  activeMeters(customer: UsageCustomer): Promise<ActiveMeter[]>;
  /** The meter's aggregation over the customer's events ingested since `since`. */
  consumedSince(customer: UsageCustomer, meterId: string, since: Date): Promise<number>;
  /**
   * One customer's usage read at once: its active meters (unless `activeMeters: false`) and the
   * consumed units of each window, in order. `windows` may be a promise: the rest is read meanwhile.
   */
  customerUsage(
    customer: UsageCustomer,
    windows: readonly ConsumedWindow[] | PromiseLike<readonly ConsumedWindow[]>,
    options?: { activeMeters?: boolean },
  ): Promise<{ activeMeters: ActiveMeter[]; consumed: number[] }>;
}

/** The windows of the subscriptions' meters, one per meter, subscription after subscription. */
export function meterWindows(subscriptions: readonly SubscriptionRecord[]): ConsumedWindow[] {
  return subscriptions.flatMap((s) => s.meters.map((m) => ({ meterId: m.meterId, since: s.currentPeriodStart })));
}

/** Each subscription's meters with the consumed units meterWindows' windows came out at (zeros when none are given). */
export function withConsumed(
  subscriptions: readonly SubscriptionRecord[],
  consumed: readonly number[] | undefined,
  meters?: ReadonlyMap<string, MeterRecord>,
): MeterUsage[][] {
  let next = 0;
  return subscriptions.map((subscription) =>
    subscription.meters.map((record) => ({ record, meter: meters?.get(record.meterId), consumedUnits: consumed?.[next++] ?? 0 })),
  );
}

/** The meters of one customer's subscriptions with the usage of their current periods (zero until a reader is wired). */
export async function meterUsage(
  usage: UsageReader | undefined,
  subscriptions: readonly SubscriptionRecord[],
  customer: Pick<CustomerRecord, "id" | "organizationId" | "externalId">,
  meters?: ReadonlyMap<string, MeterRecord>,
): Promise<MeterUsage[][]> {
  const windows = meterWindows(subscriptions);
  if (!usage || windows.length === 0) return withConsumed(subscriptions, undefined, meters);
  const target = { id: customer.id, organizationId: customer.organizationId, externalId: customer.externalId };
  const { consumed } = await usage.customerUsage(target, windows, { activeMeters: false });
  return withConsumed(subscriptions, consumed, meters);
}
