// The meters module: Polar's /v1/meters endpoints. Meters define which events
// count (filter) and how they add up (aggregation); the events and
// customer-meter modules evaluate those definitions.
import { defineModule } from "../../platform/module.js";
import { metersSeeder } from "./seed.js";
import { systemClock, type Clock } from "../../platform/clock.js";
import { metersMigrations } from "./migrations.js";
import { meterOperations } from "./operations.js";
import { MeterService, type MeterReferences } from "./service.js";
import type { MeterStore } from "./store.js";
import { KyselyMeterStore } from "./store-kysely.js";

export interface MetersDeps extends MeterReferences {
  meters: MeterStore;
  clock?: Clock;
}

export const metersModule = defineModule({
  name: "meters",
  migrations: metersMigrations,
  store: (context) => new KyselyMeterStore(context),
  resetOrganization: (store, organizationId) => store.deleteOrganizationData(organizationId),
  services: (deps: MetersDeps) => ({ meters: new MeterService(deps.meters, deps, deps.clock ?? systemClock) }),
  operations: meterOperations,
  seed: metersSeeder,
});

export type {
  Aggregation,
  Filter,
  FilterClause,
  FilterConjunction,
  FilterOperator,
  MeterRecord,
  MeterUnit,
  PropertyFunction,
} from "./model.js";
export { isFilter } from "./model.js";
export type { MeterStore } from "./store.js";
/** For stores that read a meter joined to their own rows (customer meters with their meters in one query). */
export { METER_COLUMNS, meterFromRow, type MeterRow } from "./rows.js";
export { METER_UNIT_JSON, meterResponse } from "./responses.js";
export { accumulator, eventProperty, filterMatches, type Accumulator, type MeteredEvent } from "./evaluate.js";
/** The documentation examples' meter, for examples of resources that embed a meter. */
export { exampleMeter } from "./examples.js";
