// Seeds N live customers (default 1,000,000) into one organization and prints
// the p50 latency of list calls through the Storage interface. Not a test: run
//   node --import tsx bench/list-1m.ts [--count 1000000] [--backend sqlite|postgres|both]
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openStorage, type Storage } from "../src/storage.js";
import { bulkInsertCustomersForTesting, type ListCustomersQuery, type NewCustomer } from "../src/modules/customers/index.js";
import { createTestDatabase } from "../test/support/postgres.js";

const { values: args } = parseArgs({
  options: { count: { type: "string", default: "1000000" }, backend: { type: "string", default: "both" } },
});
const COUNT = Number(args.count);
const CHUNK = 20_000;
const RUNS = 41;
const BASE = Date.UTC(2024, 0, 1);

function makeCustomer(organizationId: string, i: number): NewCustomer {
  return {
    id: randomUUID(),
    organizationId,
    createdAt: new Date(BASE + i * 1000),
    email: `user${i}@example${i % 97}.com`,
    type: "individual",
    name: i % 10 === 0 ? null : `Person ${i} Sample`,
    billingName: null,
    billingAddress: null,
    taxId: null,
    locale: null,
    externalId: `ext-${i}`,
    metadata: { plan: ["free", "pro", "team"][i % 3], seats: i % 50 },
  };
}

async function seed(storage: Storage, organizationId: string): Promise<void> {
  const started = performance.now();
  for (let start = 0; start < COUNT; start += CHUNK) {
    const chunk = [];
    for (let i = start; i < Math.min(COUNT, start + CHUNK); i++) chunk.push(makeCustomer(organizationId, i));
    await bulkInsertCustomersForTesting(storage, chunk);
    if ((start / CHUNK) % 10 === 0) process.stderr.write(`  seeded ${start + chunk.length}\r`);
  }
  console.log(`  seeded ${COUNT} customers in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

async function p50(storage: Storage, query: ListCustomersQuery): Promise<{ ms: number; total: number }> {
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < RUNS + 3; i++) {
    const t = performance.now();
    const page = await storage.customers.list(query);
    if (i >= 3) times.push(performance.now() - t); // first runs warm caches
    total = page.totalCount;
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], total };
}

async function run(label: string, storage: Storage): Promise<void> {
  console.log(`${label}:`);
  const org = await storage.accounts.createOrganization({
    id: randomUUID(),
    name: "Bench",
    slug: `bench-${randomUUID()}`,
    createdAt: new Date(),
  });
  await seed(storage, org.id);
  const base: ListCustomersQuery = { organizationIds: [org.id], sorting: [], limit: 10, offset: 0 };
  const probe = Math.floor(COUNT * 0.37);
  const cases: [string, ListCustomersQuery][] = [
    ["first page, default sort", base],
    ["first page, -email sort", { ...base, sorting: [{ field: "email", descending: true }] }],
    ["first page, name sort", { ...base, sorting: [{ field: "name", descending: false }] }],
    ["email filter", { ...base, email: `USER${probe}@example${probe % 97}.com` }],
    [`query "${probe}@"`, { ...base, query: `${probe}@` }],
    [`query "ext-${probe}"`, { ...base, query: `ext-${probe}` }],
  ];
  for (const [name, q] of cases) {
    const { ms, total } = await p50(storage, q);
    console.log(`  ${name.padEnd(28)} p50 ${ms.toFixed(2).padStart(8)} ms  (totalCount ${total})`);
  }
}

const backends = args.backend === "both" ? ["sqlite", "postgres"] : [args.backend];
if (backends.includes("sqlite")) {
  const dir = join(process.cwd(), ".bench");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "list-1m.db");
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  const storage = await openStorage(`sqlite:${file}`);
  try {
    await run("sqlite", storage);
  } finally {
    await storage.close();
  }
}
if (backends.includes("postgres")) {
  const db = await createTestDatabase();
  try {
    const storage = await openStorage(db.url);
    try {
      await run("postgres", storage);
    } finally {
      await storage.close();
    }
  } finally {
    await db.drop();
  }
}
