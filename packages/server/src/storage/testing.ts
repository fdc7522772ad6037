// Helpers for tests, seeds and benchmarks that need writes the Storage seam
// does not offer (yet). They only accept storages made by openStorage().
import { bulkInsertCustomers } from "./kysely/seed.js";
import { KyselyStorage } from "./kysely/storage.js";
import { insertSubscriptionRow, type SubscriptionSeed } from "./kysely/subscriptions.js";
import type { NewCustomer, Storage } from "./types.js";

export type { SubscriptionSeed };

function internal(storage: Storage): KyselyStorage {
  if (!(storage instanceof KyselyStorage)) throw new Error("this helper needs a storage from openStorage()");
  return storage;
}

export async function insertSubscription(storage: Storage, subscription: SubscriptionSeed): Promise<void> {
  const s = internal(storage);
  await insertSubscriptionRow(s.db, s.fragments.codec, subscription);
}

/** Fast multi-row insert; uniqueness still applies (a violation aborts the current batch). */
export async function bulkInsertCustomersForTesting(storage: Storage, customers: readonly NewCustomer[]): Promise<void> {
  const s = internal(storage);
  await bulkInsertCustomers(s.db, s.fragments.codec, customers);
}
