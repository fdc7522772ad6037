// Bare subscription rows for tests, seeds and benchmarks of the customers
// list's `active` filter (which only reads customer and status). Such rows
// have no started_at, so the subscriptions API does not show them.
import { sql } from "kysely";
import type { SqlDatabase } from "../../platform/storage/seam.js";

export interface SubscriptionSeed {
  id: string;
  customerId: string;
  status: string;
  createdAt: Date;
  deletedAt?: Date | null;
}

export async function insertSubscription(storage: { readonly database: SqlDatabase }, s: SubscriptionSeed): Promise<void> {
  const { db, dialect } = storage.database;
  const time = (d: Date) => dialect.codec.time(d);
  await sql`insert into subscriptions (id, customer_id, organization_id, status, created_at, deleted_at)
    select ${s.id}, id, organization_id, ${s.status}, ${time(s.createdAt)}, ${s.deletedAt ? time(s.deletedAt) : null}
    from customers where id = ${s.customerId}`.execute(db);
}
