// The customers module: Polar's ten /v1/customers endpoints over one store.
import { defineModule } from "../../platform/module.js";
import { systemClock, type Clock } from "../../platform/clock.js";
import { customersSeeder } from "./fixtures.js";
import { customersMigrations } from "./migrations.js";
import { customerOperations } from "./operations.js";
import { CustomerService, type CustomerDeletionCascade, type CustomerIdentifiedCascade, type CustomersUnitOfWork } from "./service.js";
import type { CustomerStore } from "./store.js";
import { KyselyCustomerStore } from "./store-kysely.js";

export interface CustomersDeps {
  customers: CustomerStore;
  clock?: Clock;
  /** The composed storage's unit of work: creates, updates and deletes record their events in it. */
  transaction?: CustomersUnitOfWork;
  /** What later modules do when a customer is deleted (subscriptions end, grants are revoked), on the deletion's transaction. */
  customerDeletion?: CustomerDeletionCascade;
  /** What later modules do when a customer gets an external id (usage recorded under it becomes its meters). */
  customerIdentified?: CustomerIdentifiedCascade;
}

export const customersModule = defineModule({
  name: "customers",
  migrations: customersMigrations,
  store: (context) => new KyselyCustomerStore(context),
  services: (deps: CustomersDeps) => ({
    customers: new CustomerService(
      deps.customers,
      deps.clock ?? systemClock,
      deps.transaction && ((work) => deps.transaction!(work)),
      deps.customerDeletion,
      deps.customerIdentified,
    ),
  }),
  operations: customerOperations,
  seed: customersSeeder,
  resetOrganization: (store, organizationId) => store.deleteOrganizationData(organizationId),
});

export type { Address, CustomerChanges, CustomerRecord, CustomerType, Metadata, MetadataValue, NewCustomer } from "./model.js";
export type { CustomersUnitOfWork } from "./service.js";
export type { CustomerConflicts, CustomerPage, CustomerStore, ListCustomersQuery, SortField, SortKey, UniqueField } from "./store.js";
export { bulkInsertCustomersForTesting } from "./testing.js";
/** The metadata body field and its published schema, shared by every resource that carries metadata. */
export { METADATA_JSON, metadata, metadataValue } from "./fields.js";
/** The Customer response, embedded by resources that carry their customer (customer meters, subscriptions, grants). */
export { customerResponse } from "./responses.js";
export { CustomerService } from "./service.js";
export {
  AMBIGUOUS as CUSTOMER_AMBIGUOUS,
  NOT_FOUND as CUSTOMER_NOT_FOUND,
  byExternalId as customerByExternalId,
  byId as customerById,
} from "./operations.js";
export { exampleCustomer } from "./examples.js";
