// Helpers for tests, seeds and benchmarks that need writes the customers API
// does not offer: bulk loads, and the minimal subscription rows the `active`
// filter reads until the subscriptions module exists.
import type { Kysely } from "kysely";
import type { SqlDatabase } from "../../platform/storage/seam.js";
import type { NewCustomer } from "./model.js";
import { bulkInsertCustomers } from "./seed.js";
import { insertSubscriptionRow, type SubscriptionSeed } from "./subscriptions.js";
import type { CustomerTables } from "./tables.js";

export type { SubscriptionSeed };

/** Any composed storage: these helpers go straight to its database. */
export interface WithDatabase {
  readonly database: SqlDatabase;
}

const tables = (storage: WithDatabase) => storage.database.db as Kysely<CustomerTables>;

export async function insertSubscription(storage: WithDatabase, subscription: SubscriptionSeed): Promise<void> {
  await insertSubscriptionRow(tables(storage), storage.database.dialect.codec, subscription);
}

/** Fast multi-row insert; uniqueness still applies (a violation aborts the current batch). */
export async function bulkInsertCustomersForTesting(storage: WithDatabase, customers: readonly NewCustomer[]): Promise<void> {
  await bulkInsertCustomers(tables(storage), storage.database.dialect.codec, customers);
}
