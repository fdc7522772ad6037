// The per-organization live-customer counter lets an unfiltered list report an
// exact totalCount without COUNT(*) over a million rows. It is only ever
// changed inside the transaction that inserts or soft-deletes a customer.
import { sql, type Kysely } from "kysely";
import type { CustomerTables } from "./tables.js";

export async function adjustLiveCount(db: Kysely<CustomerTables>, organizationId: string, delta: number): Promise<void> {
  await db
    .insertInto("customer_counts")
    .values({ organization_id: organizationId, live_count: delta })
    .onConflict((oc) => oc.column("organization_id").doUpdateSet({ live_count: sql`customer_counts.live_count + ${delta}` }))
    .execute();
}

export async function sumLiveCounts(db: Kysely<CustomerTables>, organizationIds: readonly string[]): Promise<number> {
  const row = await db
    .selectFrom("customer_counts")
    .select(sql<number | string | null>`sum(live_count)`.as("total"))
    .where("organization_id", "in", organizationIds)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}
