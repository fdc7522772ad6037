// Minimal subscription writes. The Customers API only reads subscriptions (the
// list `active` filter); this exists so tests and seeds can create them until
// the customer-state work adds a real subscription store.
import type { Kysely } from "kysely";
import type { Codec } from "../../platform/storage/codec.js";
import type { CustomerTables } from "./tables.js";

export interface SubscriptionSeed {
  id: string;
  customerId: string;
  status: string;
  createdAt: Date;
  deletedAt?: Date | null;
}

export async function insertSubscriptionRow(db: Kysely<CustomerTables>, codec: Codec, s: SubscriptionSeed): Promise<void> {
  await db
    .insertInto("subscriptions")
    .values({
      id: s.id,
      customer_id: s.customerId,
      status: s.status,
      created_at: codec.time(s.createdAt),
      deleted_at: s.deletedAt ? codec.time(s.deletedAt) : null,
    })
    .execute();
}
