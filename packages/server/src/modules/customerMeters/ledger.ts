// Meter credits and resets: system events other modules write inside their
// own transaction (meter_credit benefit grants credit and debit, renewals
// reset). Each also makes sure the customer's meter rows exist.

import { randomUUID } from "node:crypto";
import type { CustomerStore } from "../customers/index.js";
import { METER_CREDITED, METER_RESET, ensureCustomerMeters, type EventRecord, type EventStore } from "../events/index.js";
import type { MeterStore } from "../meters/index.js";
import { consumedSince, creditUnits, isRollover, lastReset } from "./numbers.js";
import type { CustomerMeterStore } from "./store.js";

export interface MeterLedger {
  /** A meter.credited event of `units` (negative = debit) for this customer and meter; creates the customer's meter rows. */
  credit(args: { organizationId: string; customerId: string; meterId: string; units: number; rollover: boolean; at: Date }): Promise<void>;
  /** A meter.reset event, preceded by nothing and followed by the rollover credit when rollover credits remain (§6.4). */
  reset(args: { organizationId: string; customerId: string; meterId: string; at: Date }): Promise<void>;
  /** Last meter.reset time for (customer, meter), or null. */
  lastReset(args: { customerId: string; meterId: string }): Promise<Date | null>;
}

/** The stores the ledger writes through: pass the transaction's (`tx`) to write atomically with the caller. */
export interface LedgerStores {
  events: EventStore;
  customerMeters: CustomerMeterStore;
  meters: MeterStore;
  customers: CustomerStore;
}

function systemEvent(
  args: { organizationId: string; customerId: string; meterId: string; at: Date },
  name: string,
  metadata: Record<string, unknown>,
): EventRecord {
  return {
    id: randomUUID(),
    organizationId: args.organizationId,
    source: "system",
    name,
    timestamp: args.at,
    ingestedAt: args.at,
    customerId: args.customerId,
    externalCustomerId: null,
    memberId: null,
    externalMemberId: null,
    externalId: null,
    parentId: null,
    meterId: args.meterId,
    metadata,
  };
}

export function meterLedger(tx: LedgerStores): MeterLedger {
  const touch = (args: { organizationId: string; customerId: string; meterId: string; at: Date }) =>
    ensureCustomerMeters(tx, { organizationId: args.organizationId, customerId: args.customerId, at: args.at, touched: [args.meterId] });

  return {
    async credit(args) {
      await tx.events.insertMany([
        systemEvent(args, METER_CREDITED, { meter_id: args.meterId, units: Math.trunc(args.units), rollover: args.rollover }),
      ]);
      await touch(args);
    },

    async reset(args) {
      const since = await lastReset(tx.events, args.customerId, args.meterId);
      const credits = await tx.events.systemEvents({ customerId: args.customerId, meterId: args.meterId, name: METER_CREDITED, since });
      const rolloverCredits = credits.filter(isRollover).reduce((sum, c) => sum + creditUnits(c), 0);
      let carried = 0;
      if (rolloverCredits > 0) {
        const nonRollover = credits.filter((c) => !isRollover(c)).reduce((sum, c) => sum + creditUnits(c), 0);
        const [meter] = await tx.meters.findMany([args.organizationId], [args.meterId]);
        const customer = await tx.customers.findById([args.organizationId], args.customerId);
        const usage = meter
          ? await consumedSince(
              tx.events,
              { id: args.customerId, organizationId: args.organizationId, externalId: customer?.externalId ?? null },
              meter,
              since,
            )
          : 0;
        carried = Math.max(0, Math.min(Math.floor(nonRollover + rolloverCredits - usage), rolloverCredits));
      }
      // Same timestamp: the carried credit follows the reset in write order and falls inside the new window.
      const written = [systemEvent(args, METER_RESET, { meter_id: args.meterId })];
      if (carried > 0) written.push(systemEvent(args, METER_CREDITED, { meter_id: args.meterId, units: carried, rollover: true }));
      for (const event of written) await tx.events.insertMany([event]);
      await touch(args);
    },

    lastReset: (args) => lastReset(tx.events, args.customerId, args.meterId),
  };
}
