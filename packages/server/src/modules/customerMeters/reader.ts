// Reading customer meters with fresh numbers: for customer state
// (`active_meters`), subscription meters, and the customer-meters endpoints.

import type { EventStore } from "../events/index.js";
import type { MeterRecord, MeterStore } from "../meters/index.js";
import type { CustomerMeterRecord, CustomerMeterState } from "./model.js";
import { consumedSince, meterNumbers, type MeteredCustomer } from "./numbers.js";
import type { CustomerMeterStore } from "./store.js";

export interface UsageReader {
  /** The customer's rows (inactive zero rows and archived meters included), oldest first, with numbers computed now. */
  activeMeters(customer: MeteredCustomer): Promise<CustomerMeterState[]>;
  /** The meter's aggregation over the customer's user events ingested at or after `since` (subscription meters). */
  consumedSince(customer: MeteredCustomer, meterId: string, since: Date): Promise<number>;
}

export interface ReaderStores {
  events: EventStore;
  customerMeters: CustomerMeterStore;
  meters: MeterStore;
}

/** Numbers for rows of the organizations' customers; `customers` maps each row's customer id to who it is. */
export async function withNumbers(
  stores: ReaderStores,
  organizationIds: readonly string[],
  rows: readonly CustomerMeterRecord[],
  customers: ReadonlyMap<string, MeteredCustomer>,
): Promise<{ states: CustomerMeterState[]; meters: Map<string, MeterRecord> }> {
  const meters = new Map((await stores.meters.findMany(organizationIds, [...new Set(rows.map((r) => r.meterId))])).map((m) => [m.id, m]));
  const states: CustomerMeterState[] = [];
  for (const row of rows) {
    const meter = meters.get(row.meterId);
    const customer = customers.get(row.customerId);
    const numbers =
      meter && customer ? await meterNumbers(stores.events, customer, meter) : { consumedUnits: 0, creditedUnits: 0, balance: 0 };
    states.push({ ...row, ...numbers });
  }
  return { states, meters };
}

export function usageReader(stores: ReaderStores): UsageReader {
  return {
    async activeMeters(customer) {
      const rows = await stores.customerMeters.forCustomer(customer.id);
      return (await withNumbers(stores, [customer.organizationId], rows, new Map([[customer.id, customer]]))).states;
    },
    async consumedSince(customer, meterId, since) {
      const [meter] = await stores.meters.findMany([customer.organizationId], [meterId]);
      return meter ? consumedSince(stores.events, customer, meter, since) : 0;
    },
  };
}
