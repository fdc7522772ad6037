// How a customer meter's numbers come out of the events (state-domain §6.4),
// computed on every read so they are never stale:
// - window: events ingested at or after the latest meter.reset (all history if none);
// - consumed: the meter's aggregation over the window's user events of the
//   customer (by id, or by the external id the customer has now) that pass its filter;
// - credited: the running sum of the window's meter.credited units in timestamp
//   order, floored at 0 after each step; balance = credited − consumed.

import { METER_CREDITED, METER_RESET, type EventRecord, type EventStore } from "../events/index.js";
import { accumulator, filterMatches, type MeterRecord } from "../meters/index.js";
import type { MeterNumbers } from "./model.js";

/** Whose usage: the customer's id, organization and (current) external id. */
export interface MeteredCustomer {
  id: string;
  organizationId: string;
  externalId: string | null;
}

export const lastReset = (events: EventStore, customerId: string, meterId: string): Promise<Date | null> =>
  events.latestSystemEvent({ customerId, meterId, name: METER_RESET });

export async function consumedSince(
  events: EventStore,
  customer: MeteredCustomer,
  meter: MeterRecord,
  since: Date | null,
): Promise<number> {
  const total = accumulator(meter.aggregation);
  await events.forEachUserEvent(
    { organizationId: customer.organizationId, customerId: customer.id, externalCustomerId: customer.externalId, since },
    (page) => {
      for (const event of page) if (filterMatches(meter.filter, event)) total.add(event);
    },
  );
  return total.value();
}

export const creditUnits = (event: EventRecord): number => Number(event.metadata.units ?? 0);
export const isRollover = (event: EventRecord): boolean => event.metadata.rollover === true;

/** The floored running sum of credits, in the order given (timestamp, then write order). */
export function creditedUnits(credits: readonly EventRecord[]): number {
  let sum = 0;
  for (const credit of credits) sum = Math.max(0, sum + creditUnits(credit));
  return sum;
}

/** One meter over one window: the user events ingested at or after `since` (null: all history). */
export interface UsageWindowOf {
  meter: MeterRecord;
  since: Date | null;
}

/**
 * Each window's aggregation in one pass over the customer's user events, read (in pages) from the
 * earliest window's start. Every window sees its events in the order consumedSince would, so the
 * totals are the same, floating-point sums included.
 */
export async function consumedInWindows(
  events: EventStore,
  customer: MeteredCustomer,
  windows: readonly UsageWindowOf[],
): Promise<number[]> {
  if (windows.length === 0) return [];
  const totals = windows.map((w) => accumulator(w.meter.aggregation));
  const starts = windows.map((w) => (w.since === null ? -Infinity : w.since.getTime()));
  const earliest = Math.min(...starts);
  // A meter's filter is tested once per event, however many windows count that meter.
  const byMeter = new Map<string, { meter: MeterRecord; windows: number[] }>();
  windows.forEach((w, i) => {
    const group = byMeter.get(w.meter.id) ?? { meter: w.meter, windows: [] };
    group.windows.push(i);
    byMeter.set(w.meter.id, group);
  });
  const groups = [...byMeter.values()];
  await events.forEachUserEvent(
    {
      organizationId: customer.organizationId,
      customerId: customer.id,
      externalCustomerId: customer.externalId,
      since: earliest === -Infinity ? null : new Date(earliest),
    },
    (page) => {
      for (const event of page) {
        const at = event.ingestedAt.getTime();
        for (const group of groups) {
          if (!group.windows.some((i) => at >= starts[i]) || !filterMatches(group.meter.filter, event)) continue;
          for (const i of group.windows) if (at >= starts[i]) totals[i].add(event);
        }
      }
    },
  );
  return totals.map((t) => t.value());
}

/** A meter's current window and credits, from the customer's whole ledger (customerLedger's order). */
export function ledgerWindow(ledger: readonly EventRecord[], meterId: string): { since: Date | null; credited: number } {
  let since: Date | null = null;
  for (const event of ledger)
    if (event.meterId === meterId && event.name === METER_RESET && (since === null || event.timestamp > since)) since = event.timestamp;
  const credits = ledger.filter(
    (e) => e.meterId === meterId && e.name === METER_CREDITED && (since === null || e.ingestedAt.getTime() >= since.getTime()),
  );
  return { since, credited: creditedUnits(credits) };
}

export async function meterNumbers(events: EventStore, customer: MeteredCustomer, meter: MeterRecord): Promise<MeterNumbers> {
  const since = await lastReset(events, customer.id, meter.id);
  const consumed = await consumedSince(events, customer, meter, since);
  const credits = await events.systemEvents({ customerId: customer.id, meterId: meter.id, name: METER_CREDITED, since });
  const credited = creditedUnits(credits);
  return { consumedUnits: consumed, creditedUnits: credited, balance: credited - consumed };
}
