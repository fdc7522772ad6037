// Loads a data set into an empty database through the storage layer's own row
// mapping (customerToRow: derived keys, encodings) and live counter
// (adjustLiveCount), in multi-row inserts. Indexes, the SQLite FTS table and
// the PostgreSQL trigram index are maintained by the database as for any
// insert. Unlike modules/customers/seed.ts this does not ANALYZE: the benchmark
// measures what a user gets, and whether statistics exist is the server's job.
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { Kysely } from "kysely";
import { adjustLiveCount } from "../../src/modules/customers/counts.js";
import { customerToRow } from "../../src/modules/customers/rows.js";
import type { CustomerTables } from "../../src/modules/customers/tables.js";
import type { NewCustomer } from "../../src/modules/customers/index.js";
import type { Storage } from "../../src/storage.js";
import { organizationCustomers, Sampler, type DatasetPlan, type Sample } from "./dataset.js";

/** 22 columns × 1000 rows stays below both backends' bound-parameter limits. */
const ROWS_PER_STATEMENT = 1000;
const STATEMENTS_PER_TRANSACTION = 10;

export interface SeedResult {
  organizationId: string;
  noiseOrganizationIds: string[];
  sample: Sample;
  rows: number;
  seconds: number;
}

/** The storage's database, seen with the customers tables. */
const customerTables = (storage: Storage) => storage.database.db as Kysely<CustomerTables>;

/**
 * Loading-only settings of the seeding connection; they change how fast rows are
 * written, not what is written. SQLite: a 256 MB page cache (the default 2 MB
 * thrashes on a million random ids) and no fsync (a failed load is thrown away).
 */
async function fastLoading(storage: Storage): Promise<void> {
  if (storage.dialect === "sqlite") {
    await sql`pragma cache_size = -262144`.execute(storage.database.db);
    await sql`pragma synchronous = off`.execute(storage.database.db);
  }
}

async function insertAll(storage: Storage, customers: Iterable<NewCustomer>, onRows: (n: number) => void): Promise<void> {
  const codec = storage.database.dialect.codec;
  const iterator = customers[Symbol.iterator]();
  let done = false;
  await fastLoading(storage);
  while (!done) {
    await customerTables(storage)
      .transaction()
      .execute(async (trx) => {
        // PostgreSQL: no wait for the WAL flush at commit; the database stays consistent, and a failed load is thrown away.
        if (storage.dialect === "postgres") await sql`set local synchronous_commit = off`.execute(trx);
        const perOrganization = new Map<string, number>();
        for (let s = 0; s < STATEMENTS_PER_TRANSACTION && !done; s++) {
          const rows = [];
          while (rows.length < ROWS_PER_STATEMENT) {
            const next = iterator.next();
            if (next.done) {
              done = true;
              break;
            }
            rows.push(customerToRow(codec, next.value));
            perOrganization.set(next.value.organizationId, (perOrganization.get(next.value.organizationId) ?? 0) + 1);
          }
          if (rows.length > 0) await trx.insertInto("customers").values(rows).execute();
          onRows(rows.length);
        }
        for (const [organizationId, n] of perOrganization) await adjustLiveCount(trx, organizationId, n);
      });
  }
}

function* interleave(
  main: Iterable<NewCustomer>,
  noise: Iterable<NewCustomer>[],
  noiseEvery: number,
  sampler: Sampler,
): Generator<NewCustomer> {
  // Noise customers are spread through the main organization's, as real tenants' rows would be.
  const noiseIterators = noise.map((n) => n[Symbol.iterator]());
  let i = 0;
  for (const c of main) {
    sampler.offer(c);
    yield c;
    if (++i % noiseEvery === 0) {
      for (const it of noiseIterators) {
        const next = it.next();
        if (!next.done) yield next.value;
      }
    }
  }
  for (const it of noiseIterators) for (let next = it.next(); !next.done; next = it.next()) yield next.value;
}

export async function seed(storage: Storage, plan: DatasetPlan, progress: (rows: number, total: number) => void): Promise<SeedResult> {
  const s = storage;
  const org = async (name: string, n: number) =>
    (
      await s.accounts.createOrganization({
        id: randomUUID(),
        name,
        slug: `bench-${n}-${randomUUID().slice(0, 8)}`,
        createdAt: new Date(Date.UTC(2023, 11, 1)),
      })
    ).id;
  const organizationId = await org("Bench organization", 0);
  const noiseOrganizationIds: string[] = [];
  for (let n = 1; n <= plan.noiseOrganizations; n++) noiseOrganizationIds.push(await org(`Noise organization ${n}`, n));

  const sampler = new Sampler(plan.size);
  const noise = noiseOrganizationIds.map((id, n) => organizationCustomers(id, plan.noiseCustomersEach, 1000 + n, `noise${n}_`));
  const noiseEvery = Math.max(1, Math.floor(plan.size / plan.noiseCustomersEach));
  const total = plan.size + plan.noiseOrganizations * plan.noiseCustomersEach;
  let rows = 0;
  const started = performance.now();
  await insertAll(s, interleave(organizationCustomers(organizationId, plan.size, 42, "usr_"), noise, noiseEvery, sampler), (n) => {
    rows += n;
    progress(rows, total);
  });
  const seconds = (performance.now() - started) / 1000;
  await checkCounters(s, [organizationId, ...noiseOrganizationIds]);
  return { organizationId, noiseOrganizationIds, sample: sampler.finish(), rows, seconds };
}

/** The per-organization live counter must equal the live rows, or every unfiltered total_count is wrong. */
export async function checkCounters(storage: Storage, organizationIds: string[]): Promise<void> {
  const s = storage;
  const counted = await sql<{ organization_id: string; live: number | string; counter: number | string | null }>`
    select c.organization_id, count(*) as live, (select sum(live_count) from customer_counts k where k.organization_id = c.organization_id) as counter
    from customers c where c.deleted_at is null group by c.organization_id`.execute(s.database.db);
  const byOrg = new Map(counted.rows.map((r) => [r.organization_id, r]));
  for (const id of organizationIds) {
    const row = byOrg.get(id);
    if (!row || Number(row.live) !== Number(row.counter)) {
      throw new Error(`customer_counts for ${id} is ${row?.counter} but ${row?.live ?? 0} live customers exist`);
    }
  }
}
