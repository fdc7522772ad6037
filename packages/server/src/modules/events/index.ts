// The events module: Polar's POST /v1/events/ingest, and the events table the
// customer-meters module reads usage from and writes meter credits/resets to.
import { defineModule } from "../../platform/module.js";
import { eventsSeeder } from "./seed.js";
import { eventsMigrations } from "./migrations.js";
import { eventOperations } from "./operations.js";
import { EventService, type EventsDeps } from "./service.js";
import type { EventStore } from "./store.js";
import { KyselyEventStore } from "./store-kysely.js";

export const eventsModule = defineModule({
  name: "events",
  migrations: eventsMigrations,
  store: (context): EventStore => new KyselyEventStore(context),
  resetOrganization: (store, organizationId) => store.deleteOrganizationData(organizationId),
  services: (deps: EventsDeps) => ({ events: new EventService(deps) }),
  operations: eventOperations,
  seed: eventsSeeder,
});

export { METER_CREDITED, METER_RESET, type EventRecord, type EventSource } from "./model.js";
export type { EventStore, UsageWindow } from "./store.js";
export { ensureCustomerMeters, liveMeters, type CustomerMeterRows, type MeterRowStores } from "./customer-meters.js";
