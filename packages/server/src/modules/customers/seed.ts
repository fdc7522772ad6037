// Bulk loading for benchmarks and large fixtures: multi-row inserts in one
// transaction per batch, with the live counter bumped once per batch.
import { sql, type Kysely } from "kysely";
import type { Codec } from "../../platform/storage/codec.js";
import { adjustLiveCount } from "./counts.js";
import type { NewCustomer } from "./model.js";
import { customerToRow } from "./rows.js";
import type { CustomerTables } from "./tables.js";

/** 22 columns × 1000 rows stays below both SQLite's and PostgreSQL's bound-parameter limits. */
const BATCH = 1000;

export async function bulkInsertCustomers(
  db: Kysely<CustomerTables>,
  codec: Codec,
  customers: readonly NewCustomer[],
  { analyze = true }: { analyze?: boolean } = {},
): Promise<void> {
  for (let start = 0; start < customers.length; start += BATCH) {
    const batch = customers.slice(start, start + BATCH);
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto("customers")
        .values(batch.map((c) => customerToRow(codec, c)))
        .execute();
      const perOrg = new Map<string, number>();
      for (const c of batch) perOrg.set(c.organizationId, (perOrg.get(c.organizationId) ?? 0) + 1);
      for (const [org, n] of perOrg) await adjustLiveCount(trx, org, n);
    });
  }
  // Fresh planner statistics: without them both planners assume an organization
  // holds a handful of rows and walk its whole index for selective filters.
  if (analyze) await sql`analyze customers`.execute(db);
}
