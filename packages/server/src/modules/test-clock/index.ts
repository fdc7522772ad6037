// The test clock: per-organization time for tests and local development
// (Polar has none; Stripe's test clocks and Chargebee's time machine are the
// model). `POST /v1/_test/clock/advance` and `polar-customers clock advance`
// move one organization's time forward and run what falls due on the way.
import { defineModule } from "../../platform/module.js";
import { testClockMigrations } from "./migrations.js";
import type { TestClockStore } from "./store.js";
import { KyselyTestClockStore } from "./store-kysely.js";

export const testClockModule = defineModule({
  name: "testClocks",
  migrations: testClockMigrations,
  store: (context): TestClockStore => new KyselyTestClockStore(context),
  resetOrganization: (store, organizationId) => store.deleteOrganizationData(organizationId),
});

export { TestClocks } from "./clock.js";
export { parseAdvanceBody, parseTime, DURATION_HELP, TIME_HELP, type AdvanceBody, type ClockTarget } from "./requests.js";
export { TestClockService, type AdvanceResult, type ClockReading } from "./service.js";
export type { TestClockStore } from "./store.js";
