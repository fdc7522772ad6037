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

export interface UsageReader {
  /** Every customer-meter row of the customer, oldest first (customer state's active_meters). */
  activeMeters(customer: UsageCustomer): Promise<ActiveMeter[]>;
  /** The meter's aggregation over the customer's events ingested since `since`. */
  consumedSince(customer: UsageCustomer, meterId: string, since: Date): Promise<number>;
}

/** The subscription's meters with the usage of its current period (zero until a reader is wired). */
export function meterUsage(
  usage: UsageReader | undefined,
  subscription: SubscriptionRecord,
  customer: Pick<CustomerRecord, "id" | "organizationId" | "externalId">,
  meters?: ReadonlyMap<string, MeterRecord>,
): Promise<MeterUsage[]> {
  const target = { id: customer.id, organizationId: customer.organizationId, externalId: customer.externalId };
  return Promise.all(
    subscription.meters.map(async (record) => ({
      record,
      meter: meters?.get(record.meterId),
      consumedUnits: usage ? await usage.consumedSince(target, record.meterId, subscription.currentPeriodStart) : 0,
    })),
  );
}
