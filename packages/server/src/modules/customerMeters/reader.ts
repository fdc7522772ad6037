// Reading customer meters with fresh numbers: for customer state
// (`active_meters`), subscription meters, and the customer-meters endpoints.
// One customer's usage is read at once: its meters in one lookup, its ledger
// (credits and resets of all its meters) in one query, and its user events
// once, from the earliest window asked for; each (meter, window) is folded in
// memory (numbers.ts says what the numbers mean).

import type { EventStore } from "../events/index.js";
import type { MeterRecord, MeterStore } from "../meters/index.js";
import type { CustomerMeterRecord, CustomerMeterState } from "./model.js";
import { consumedInWindows, ledgerWindow, type MeteredCustomer, type UsageWindowOf } from "./numbers.js";
import type { CustomerMeterStore } from "./store.js";

/** A subscription meter's window: the meter's aggregation over events ingested at or after `since`. */
export interface ConsumedWindow {
  meterId: string;
  since: Date;
}

export interface CustomerUsage {
  /** The customer's rows (inactive zero rows and archived meters included), oldest first, with numbers computed now. */
  activeMeters: CustomerMeterState[];
  /** Consumed units of each window asked for, in the same order (0 for a meter the organization does not have). */
  consumed: number[];
}

export interface UsageReader {
  /** The customer's rows (inactive zero rows and archived meters included), oldest first, with numbers computed now. */
  activeMeters(customer: MeteredCustomer): Promise<CustomerMeterState[]>;
  /** The meter's aggregation over the customer's user events ingested at or after `since` (subscription meters). */
  consumedSince(customer: MeteredCustomer, meterId: string, since: Date): Promise<number>;
  /**
   * Both at once, reading each of the customer's events once. `windows` may still be coming (customer
   * state passes its subscriptions' as they load): the customer's rows and ledger are read meanwhile.
   * Without `activeMeters`, only the windows are computed.
   */
  customerUsage(
    customer: MeteredCustomer,
    windows: readonly ConsumedWindow[] | PromiseLike<readonly ConsumedWindow[]>,
    options?: { activeMeters?: boolean },
  ): Promise<CustomerUsage>;
}

export interface ReaderStores {
  events: EventStore;
  customerMeters: CustomerMeterStore;
  meters: MeterStore;
}

const ZERO = { consumedUnits: 0, creditedUnits: 0, balance: 0 };

/** Numbers for rows of one customer, and the consumed units of extra windows, from one read of its events. */
async function customerNumbers(
  stores: ReaderStores,
  organizationIds: readonly string[],
  customer: MeteredCustomer,
  rows: readonly CustomerMeterRecord[] | PromiseLike<readonly CustomerMeterRecord[]>,
  windows: readonly ConsumedWindow[] | PromiseLike<readonly ConsumedWindow[]>,
  rowMeters?: ReadonlyMap<string, MeterRecord> | PromiseLike<ReadonlyMap<string, MeterRecord>>,
): Promise<{ states: CustomerMeterState[]; consumed: number[]; meters: Map<string, MeterRecord> }> {
  const [ownRows, extra, known, ledger] = await Promise.all([
    rows,
    windows,
    rowMeters,
    // The ledger only matters for rows; a customer without rows has none to read.
    Promise.resolve(rows).then((r) => (r.length > 0 ? stores.events.customerLedger(customer.id) : [])),
  ]);
  // `known` already holds every row's meter the organizations have; only windows' meters may be left to look up.
  const meters = new Map(known);
  const wanted = [...(known ? [] : ownRows.map((r) => r.meterId)), ...extra.map((w) => w.meterId)];
  const missing = [...new Set(wanted)].filter((id) => !meters.has(id));
  for (const meter of await stores.meters.findMany(organizationIds, missing)) meters.set(meter.id, meter);

  const folded: UsageWindowOf[] = [];
  const rowWindows = ownRows.map((row) => {
    const meter = meters.get(row.meterId);
    if (!meter) return undefined;
    const { since, credited } = ledgerWindow(ledger, meter.id);
    folded.push({ meter, since });
    return { index: folded.length - 1, credited };
  });
  const extraIndexes = extra.map((w) => {
    const meter = meters.get(w.meterId);
    if (!meter) return -1;
    folded.push({ meter, since: w.since });
    return folded.length - 1;
  });
  const totals = await consumedInWindows(stores.events, customer, folded);

  const states = ownRows.map((row, i): CustomerMeterState => {
    const window = rowWindows[i];
    if (!window) return { ...row, ...ZERO };
    const consumedUnits = totals[window.index];
    return { ...row, consumedUnits, creditedUnits: window.credited, balance: window.credited - consumedUnits };
  });
  return { states, consumed: extraIndexes.map((i) => (i < 0 ? 0 : totals[i])), meters };
}

/** Numbers for rows of the organizations' customers; `customers` maps each row's customer id to who it is. */
export async function withNumbers(
  stores: ReaderStores,
  organizationIds: readonly string[],
  rows: readonly CustomerMeterRecord[],
  customers: ReadonlyMap<string, MeteredCustomer>,
): Promise<{ states: CustomerMeterState[]; meters: Map<string, MeterRecord> }> {
  const meters = new Map((await stores.meters.findMany(organizationIds, [...new Set(rows.map((r) => r.meterId))])).map((m) => [m.id, m]));
  const byCustomer = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const indexes = byCustomer.get(row.customerId);
    if (indexes) indexes.push(i);
    else byCustomer.set(row.customerId, [i]);
  });
  const states: CustomerMeterState[] = rows.map((row) => ({ ...row, ...ZERO }));
  // One customer after another: a list page of many customers does not open them all at once.
  for (const [customerId, indexes] of byCustomer) {
    const customer = customers.get(customerId);
    if (!customer) continue;
    const mine = indexes.map((i) => rows[i]);
    const numbered = await customerNumbers(stores, organizationIds, customer, mine, [], meters);
    indexes.forEach((rowIndex, i) => (states[rowIndex] = numbered.states[i]));
  }
  return { states, meters };
}

export function usageReader(stores: ReaderStores): UsageReader {
  const customerUsage: UsageReader["customerUsage"] = async (customer, windows, options = {}) => {
    if (options.activeMeters === false) {
      const { consumed } = await customerNumbers(stores, [customer.organizationId], customer, [], windows);
      return { activeMeters: [], consumed };
    }
    // The rows come with their meters (one query); only a window's meter without a row is looked up.
    const joined = stores.customerMeters.forCustomerWithMeters(customer.id);
    const rows = joined.then((list) => list.map((j) => j.row));
    const meters = joined.then(
      (list) =>
        new Map(list.flatMap((j) => (j.meter && j.meter.organizationId === customer.organizationId ? [[j.meter.id, j.meter]] : []))),
    );
    const { states, consumed } = await customerNumbers(stores, [customer.organizationId], customer, rows, windows, meters);
    return { activeMeters: states, consumed };
  };
  return {
    customerUsage,
    activeMeters: async (customer) => (await customerUsage(customer, [])).activeMeters,
    consumedSince: async (customer, meterId, since) =>
      (await customerUsage(customer, [{ meterId, since }], { activeMeters: false })).consumed[0],
  };
}
