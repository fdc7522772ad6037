// The customers module: Polar's ten /v1/customers endpoints over one store.
import { defineModule } from "../../platform/module.js";
import { systemClock, type Clock } from "../../platform/clock.js";
import type { Cascading } from "../../platform/cascade.js";
import type { CustomerRecord } from "./model.js";
import { customersSeeder } from "./fixtures.js";
import { customersMigrations } from "./migrations.js";
import { customerOperations } from "./operations.js";
import { CustomerService } from "./service.js";
import type { CustomerStore } from "./store.js";
import { KyselyCustomerStore } from "./store-kysely.js";

export interface CustomersDeps {
  customers: CustomerStore;
  clock?: Clock;
  /** Deletion with what later modules do about it (subscriptions end, grants are revoked), in one transaction. */
  customerDeletion?: Cascading<{ customers: CustomerStore }, CustomerRecord>;
}

export const customersModule = defineModule({
  name: "customers",
  migrations: customersMigrations,
  store: (context) => new KyselyCustomerStore(context),
  services: (deps: CustomersDeps) => ({
    customers: new CustomerService(deps.customers, deps.clock ?? systemClock, deps.customerDeletion),
  }),
  operations: customerOperations,
  seed: customersSeeder,
  resetOrganization: (store, organizationId) => store.deleteOrganizationData(organizationId),
});

export type { Address, CustomerChanges, CustomerRecord, CustomerType, Metadata, MetadataValue, NewCustomer } from "./model.js";
export type { CustomerConflicts, CustomerPage, CustomerStore, ListCustomersQuery, SortField, SortKey, UniqueField } from "./store.js";
export { bulkInsertCustomersForTesting } from "./testing.js";
/** The metadata body field and its published schema, shared by every resource that carries metadata. */
export { METADATA_JSON, metadata } from "./fields.js";
export { customerResponse } from "./responses.js";
export { CustomerService } from "./service.js";
export {
  AMBIGUOUS as CUSTOMER_AMBIGUOUS,
  NOT_FOUND as CUSTOMER_NOT_FOUND,
  byExternalId as customerByExternalId,
  byId as customerById,
} from "./operations.js";
export { exampleCustomer } from "./examples.js";
