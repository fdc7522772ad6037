// The per-organization live-customer counter lets an unfiltered list report an
// exact totalCount without COUNT(*) over a million rows. It is only ever
// changed inside the transaction that inserts or soft-deletes a customer.
//
// A single row per organization made every create of the organization wait
// for the previous one's commit on PostgreSQL (the upsert holds that row's
// lock until then). Each change instead adjusts one of COUNT_SLOTS rows, picked
// at random, and readers sum them: still exact (every row changes only with
// its customer, in one transaction), and concurrent creates rarely meet.
import { sql, type Kysely, type QueryCreator } from "kysely";
import type { CustomerTables } from "./tables.js";

export const COUNT_SLOTS = 16;

const anySlot = () => Math.floor(Math.random() * COUNT_SLOTS);

/** The upsert of adjustLiveCount, unexecuted: PostgreSQL runs it as a CTE of the insert it belongs to. */
export function liveCountAdjustment(db: QueryCreator<CustomerTables>, organizationId: string, delta: number) {
  return db
    .insertInto("customer_counts")
    .values({ organization_id: organizationId, slot: anySlot(), live_count: delta })
    .onConflict((oc) => oc.columns(["organization_id", "slot"]).doUpdateSet({ live_count: sql`customer_counts.live_count + ${delta}` }));
}

export async function adjustLiveCount(db: Kysely<CustomerTables>, organizationId: string, delta: number): Promise<void> {
  await liveCountAdjustment(db, organizationId, delta).execute();
}

export async function sumLiveCounts(db: Kysely<CustomerTables>, organizationIds: readonly string[]): Promise<number> {
  const row = await db
    .selectFrom("customer_counts")
    .select(sql<number | string | null>`sum(live_count)`.as("total"))
    .where("organization_id", "in", organizationIds)
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}
