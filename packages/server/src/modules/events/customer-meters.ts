// Which customer-meter rows exist: one per customer and non-archived meter of
// its organization, created when the customer's meters are recomputed (after
// an ingest for the customer, a credit, or the creation of a customer whose
// external id already has events). The customer-meters module owns the table;
// the ingest writes through this interface so the two modules stay acyclic.

import { recordStateChanged, type EventSink } from "../../platform/events.js";
import { filterMatches, type MeterRecord, type MeterStore } from "../meters/index.js";
import type { CustomerStore } from "../customers/index.js";
import type { EventRecord } from "./model.js";

export interface CustomerMeterRows {
  /** Creates the missing (customer, meter) rows, never-modified (`modified_at` null); existing rows are left alone. */
  ensure(row: { organizationId: string; customerId: string; meterIds: readonly string[]; createdAt: Date }): Promise<void>;
  /** Records that the rows' numbers changed at `at`. */
  touch(customerId: string, meterIds: readonly string[], at: Date): Promise<void>;
}

export interface MeterRowStores {
  meters: MeterStore;
  customerMeters: CustomerMeterRows;
}

const PAGE = 100;

/** Every non-archived meter of the organization. */
export async function liveMeters(meters: MeterStore, organizationId: string): Promise<MeterRecord[]> {
  const all: MeterRecord[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await meters.list({
      organizationIds: [organizationId],
      isArchived: false,
      sorting: [{ field: "created_at", descending: false }],
      limit: PAGE,
      offset,
    });
    all.push(...page.items);
    if (page.items.length < PAGE) return all;
  }
}

/** Rows for every live meter of the customer's organization; `touched` ones are marked modified at `at`. */
export async function ensureCustomerMeters(
  stores: MeterRowStores,
  args: { organizationId: string; customerId: string; at: Date; touched?: readonly string[]; meters?: readonly MeterRecord[] },
): Promise<void> {
  const meters = args.meters ?? (await liveMeters(stores.meters, args.organizationId));
  const meterIds = [...new Set([...meters.map((m) => m.id), ...(args.touched ?? [])])];
  await stores.customerMeters.ensure({ organizationId: args.organizationId, customerId: args.customerId, meterIds, createdAt: args.at });
  if (args.touched && args.touched.length > 0) await stores.customerMeters.touch(args.customerId, args.touched, args.at);
}

/** After an ingest: the rows of each customer the new events belong to, touched where a meter counts one of them. */
export async function syncCustomerMeters(
  stores: MeterRowStores & { customers: CustomerStore; outbox?: EventSink },
  events: readonly EventRecord[],
): Promise<void> {
  const byCustomer = new Map<string, { organizationId: string; customerId: string; events: EventRecord[] }>();
  const resolved = new Map<string, string | null>();
  for (const event of events) {
    let customerId = event.customerId;
    if (customerId === null && event.externalCustomerId !== null) {
      const key = `${event.organizationId}\u0000${event.externalCustomerId}`;
      if (!resolved.has(key)) {
        const [customer] = await stores.customers.findByExternalId([event.organizationId], event.externalCustomerId);
        resolved.set(key, customer?.id ?? null);
      }
      customerId = resolved.get(key) ?? null;
    }
    if (customerId === null) continue;
    let group = byCustomer.get(customerId);
    if (!group) byCustomer.set(customerId, (group = { organizationId: event.organizationId, customerId, events: [] }));
    group.events.push(event);
  }
  const metersOf = new Map<string, MeterRecord[]>();
  for (const group of byCustomer.values()) {
    let meters = metersOf.get(group.organizationId);
    if (!meters) metersOf.set(group.organizationId, (meters = await liveMeters(stores.meters, group.organizationId)));
    const touched = meters.filter((m) => group.events.some((e) => e.source === "user" && filterMatches(m.filter, e))).map((m) => m.id);
    const at = new Date(Math.max(...group.events.map((e) => e.ingestedAt.getTime())));
    await ensureCustomerMeters(stores, { organizationId: group.organizationId, customerId: group.customerId, at, touched, meters });
    // Usage a meter counts changes the customer's state (its active_meters): one coalesced state_changed per customer.
    if (touched.length > 0 && stores.outbox) await recordStateChanged(stores.outbox, group.organizationId, group.customerId, at);
  }
}
