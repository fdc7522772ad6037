// Helpers for tests, seeds and benchmarks that need writes the customers API
// does not offer: bulk loads. (Bare subscription rows for the `active` filter
// come from the subscriptions module's insertSubscription.)
import type { Kysely } from "kysely";
import type { SqlDatabase } from "../../platform/storage/seam.js";
import type { NewCustomer } from "./model.js";
import { bulkInsertCustomers } from "./seed.js";
import type { CustomerTables } from "./tables.js";

/** Any composed storage: these helpers go straight to its database. */
export interface WithDatabase {
  readonly database: SqlDatabase;
}

const tables = (storage: WithDatabase) => storage.database.db as Kysely<CustomerTables>;

/** Fast multi-row insert; uniqueness still applies (a violation aborts the current batch). */
export async function bulkInsertCustomersForTesting(storage: WithDatabase, customers: readonly NewCustomer[]): Promise<void> {
  await bulkInsertCustomers(tables(storage), storage.database.dialect.codec, customers);
}
