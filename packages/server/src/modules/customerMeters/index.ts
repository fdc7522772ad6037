// The customer-meters module: Polar's /v1/customer-meters endpoints, the
// meter ledger (credits and resets other modules write in their transaction)
// and the usage reader customer state and subscriptions use. Numbers are
// computed from the events on every read.
import { defineModule } from "../../platform/module.js";
import { customerMetersMigrations } from "./migrations.js";
import { customerMeterOperations } from "./operations.js";
import { CustomerMeterService, type CustomerMetersDeps } from "./service.js";
import type { CustomerMeterStore } from "./store.js";
import { KyselyCustomerMeterStore } from "./store-kysely.js";

export const customerMetersModule = defineModule({
  name: "customerMeters",
  migrations: customerMetersMigrations,
  store: (context): CustomerMeterStore => new KyselyCustomerMeterStore(context),
  resetOrganization: (store, organizationId) => store.deleteOrganizationData(organizationId),
  services: (deps: CustomerMetersDeps) => ({ customerMeters: new CustomerMeterService(deps) }),
  operations: customerMeterOperations,
});

export type { CustomerMeterRecord, CustomerMeterState, MeterNumbers } from "./model.js";
export type { CustomerMeterStore } from "./store.js";
export { meterLedger, type LedgerStores, type MeterLedger } from "./ledger.js";
export { usageReader, type ReaderStores, type UsageReader } from "./reader.js";
export type { MeteredCustomer } from "./numbers.js";
export { onCustomerCreated } from "./hooks.js";
export { customerStateMeterResponse } from "./responses.js";
