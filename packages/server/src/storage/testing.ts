// Helpers for tests and seeds that need rows the Storage seam cannot write yet.
import { KyselyStorage } from "./kysely/storage.js";
import { insertSubscriptionRow, type SubscriptionSeed } from "./kysely/subscriptions.js";
import type { Storage } from "./types.js";

export type { SubscriptionSeed };

export async function insertSubscription(storage: Storage, subscription: SubscriptionSeed): Promise<void> {
  if (!(storage instanceof KyselyStorage)) throw new Error("insertSubscription needs a storage from openStorage()");
  await insertSubscriptionRow(storage.db, storage.fragments.codec, subscription);
}
