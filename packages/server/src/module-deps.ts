// What every module's services, jobs, seeders and background tasks are built
// from: the storage and the cross-module wiring (see moduleDeps).
import { MODULES } from "./modules.js";
import type { Clock } from "./platform/clock.js";
import type { Cascading } from "./platform/cascade.js";
import type { DeferredEventRenderer } from "./platform/events.js";
import { formatDateTime, formatNullableDateTime } from "./platform/schema/datetime.js";
import type { Storage, UnitOfWork } from "./storage.js";
import { meterLedger, onCustomerCreated, usageReader, type CustomerMeterState } from "./modules/customerMeters/index.js";
import type { CustomerRecord } from "./modules/customers/index.js";
import { subscriptionReactions, type ActiveMeter, type UsageReader } from "./modules/subscriptions/index.js";
import type { WebhookSettingsInput } from "./modules/webhooks/index.js";

type Modules = (typeof MODULES)[number];
type DepsOf<M> = M extends { services?(deps: infer D): unknown } ? D : never;
/** Fails to compile when the composed storage lacks what some module's services need. */
type EveryModuleServed = {
  [M in Modules as M["name"]]: [DepsOf<M>] extends [never] ? true : ReturnType<typeof moduleDeps> extends DepsOf<M> ? true : false;
};
const everyModuleServed: EveryModuleServed extends Record<string, true> ? true : never = true;
void everyModuleServed;

/** A customer meter as customer state reports it (an `active_meters` item). */
function activeMeter(m: CustomerMeterState): ActiveMeter {
  return {
    id: m.id,
    created_at: formatDateTime(m.createdAt),
    modified_at: formatNullableDateTime(m.modifiedAt),
    meter_id: m.meterId,
    consumed_units: m.consumedUnits,
    credited_units: m.creditedUnits,
    balance: m.balance,
  };
}

/** The usage reader in the shape customer state reports. */
function stateUsage(reader: ReturnType<typeof usageReader>): UsageReader {
  return {
    consumedSince: (customer, meterId, since) => reader.consumedSince(customer, meterId, since),
    activeMeters: async (customer) => (await reader.activeMeters(customer)).map(activeMeter),
    customerUsage: async (customer, windows, options) => {
      const { activeMeters, consumed } = await reader.customerUsage(customer, windows, options);
      return { activeMeters: activeMeters.map(activeMeter), consumed };
    },
  };
}

/**
 * What every module's services, jobs, seeders and background tasks are built from: the
 * storage, the clock, the server's settings, the renderers of deferred events
 * that modules contribute (see platform/events.ts), and the cross-module
 * wiring: the usage module's ledger and reader for grants, subscriptions and
 * state, and the writes of earlier modules that later ones react to in the
 * same transaction (customer deletion, a product's benefits, benefit deletion).
 */
export function moduleDeps(storage: Storage, clock: Clock, settings: { webhooks?: WebhookSettingsInput } = {}) {
  const meterLedgerFor = (tx: UnitOfWork) => meterLedger(tx);
  const reactions = subscriptionReactions({ meterLedgerFor: meterLedgerFor as (tx: unknown) => ReturnType<typeof meterLedger> });
  const cascading =
    <S>(react: (tx: UnitOfWork, subject: S, at: Date) => Promise<void>): Cascading<UnitOfWork, S> =>
    (work) =>
      storage.transaction((tx) => work(tx, (subject, at) => react(tx, subject, at)));
  const base = {
    ...storage,
    clock,
    webhookSettings: settings.webhooks,
    meterLedgerFor,
    usage: stateUsage(usageReader(storage)),
    customerDeletion: cascading(reactions.customerDeleted),
    customerIdentified: cascading<CustomerRecord>((tx, customer) => onCustomerCreated(tx, customer)),
    benefitsChange: cascading(reactions.productBenefitsChanged),
    benefitDeletion: cascading(reactions.benefitDeleted),
  };
  const deferredEventRenderers: Record<string, DeferredEventRenderer> = {};
  for (const module of MODULES as readonly { deferredEvents?(deps: unknown): Readonly<Record<string, DeferredEventRenderer>> }[])
    Object.assign(deferredEventRenderers, module.deferredEvents?.(base));
  return { ...base, deferredEventRenderers };
}
