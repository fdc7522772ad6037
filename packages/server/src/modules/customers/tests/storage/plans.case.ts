// Hot queries must use their intended index on a fresh database that has no
// planner statistics (a new install, a bulk load, a PostgreSQL without
// autovacuum): each case runs the store operation, captures the SQL it sent,
// and asks the database for that statement's plan.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { CompiledQuery, type Kysely, type KyselyPlugin } from "kysely";
import type { ContractTarget, GetStorage } from "../../../../../test/support/contract.js";
import type { DirectReader } from "../../../../platform/storage/prepared.js";
import type { Storage } from "../../../../storage.js";
import { KyselyCustomerStore } from "../../store-kysely.js";
import { bulkInsertCustomers } from "../../seed.js";
import type { ListCustomersQuery } from "../../store.js";
import type { CustomerTables } from "../../tables.js";
import { customer, newOrg } from "./fixtures.js";

interface Captured {
  sql: string;
  parameters: readonly unknown[];
}

/** A customers store on `storage`'s database that records every statement it runs. */
function recordingStore(storage: Storage, captured: Captured[]): KyselyCustomerStore {
  const { database } = storage;
  const executor = database.db.getExecutor();
  // Compiling alone (as prepared lookups do once) is not running: record a statement when its result arrives.
  const compiledById = new Map<unknown, Captured>();
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      const compiled = executor.compileQuery(args.node, args.queryId);
      compiledById.set(args.queryId, { sql: compiled.sql, parameters: compiled.parameters });
      return args.node;
    },
    async transformResult(args) {
      const ran = compiledById.get(args.queryId);
      if (ran) captured.push(ran);
      return args.result;
    },
  };
  const reader: DirectReader | undefined = database.reader && {
    all(sql, parameters) {
      captured.push({ sql, parameters });
      return database.reader!.all(sql, parameters);
    },
    close: () => {},
  };
  return new KyselyCustomerStore({ db: database.db.withPlugin(plugin), dialect: database.dialect, reader, inTransaction: false });
}

/** The plan as text: index names and scan kinds. */
async function plan(storage: Storage, { sql, parameters }: Captured): Promise<string> {
  const { db } = storage.database;
  if (storage.dialect === "sqlite") {
    const result = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${sql}`, [...parameters]));
    return result.rows.map((r) => r.detail).join("\n");
  }
  // Without statistics a tiny table is cheapest to scan whole; forbidding that
  // leaves the planner to choose between the indexes, which is what we test.
  return db.connection().execute(async (conn) => {
    await conn.executeQuery(CompiledQuery.raw("set enable_seqscan = off"));
    try {
      const result = await conn.executeQuery<{ "QUERY PLAN": string }>(CompiledQuery.raw(`explain ${sql}`, [...parameters]));
      return result.rows.map((r) => r["QUERY PLAN"]).join("\n");
    } finally {
      await conn.executeQuery(CompiledQuery.raw("reset enable_seqscan"));
    }
  });
}

const uses = (text: string, index: string) => new RegExp(`\\b${index}\\b`).test(text);

export function planCases(_get: GetStorage, target: ContractTarget): void {
  describe("customers: hot queries use their index without statistics", () => {
    it("by id, by external id, the create/PATCH uniqueness check and the list pages", async () => {
      const storage = await target.fresh();
      try {
        const org = await newOrg(storage);
        const other = await newOrg(storage);
        // Enough rows that walking an organization costs visibly more than a point lookup; loaded without ANALYZE.
        const rows = Array.from({ length: 20_000 }, (_, i) =>
          customer(i % 4 === 0 ? other.id : org.id, { email: `c${i}@example.com`, name: `Name ${i}`, externalId: `ext-${i}` }),
        );
        await bulkInsertCustomers(storage.database.db as Kysely<CustomerTables>, storage.database.dialect.codec, rows, { analyze: false });
        const mine = rows.find((r) => r.organizationId === org.id)!;
        const expectations: [
          label: string,
          run: (store: KyselyCustomerStore) => Promise<unknown>,
          index: Record<"sqlite" | "postgres", RegExp>,
        ][] = [
          [
            "GET by id",
            (s) => s.findById([org.id], mine.id),
            { sqlite: /sqlite_autoindex_customers_1|\(id=\?\)/, postgres: /customers_pkey/ },
          ],
          [
            "GET by external id",
            (s) => s.findByExternalId([org.id], "ext-1"),
            { sqlite: /customers_external_id_lookup/, postgres: /customers_external_id_lookup/ },
          ],
          [
            "uniqueness check",
            (s) => s.findConflicts(org.id, { email: "c1@example.com", externalId: "ext-1", excludeId: randomUUID() }),
            {
              sqlite: /customers_email_lookup[\s\S]*customers_external_id_lookup/,
              postgres: /customers_email_lookup[\s\S]*customers_external_id_lookup/,
            },
          ],
        ];
        const list = (extra: Partial<ListCustomersQuery>): ListCustomersQuery => ({
          organizationIds: [org.id],
          sorting: [],
          limit: 10,
          offset: 0,
          ...extra,
        });
        const listCases: [string, Partial<ListCustomersQuery>, string][] = [
          ["first page, -created_at", { sorting: [{ field: "created_at", descending: true }] }, "customers_created_live"],
          ["first page, email", { sorting: [{ field: "email", descending: false }] }, "customers_email_sort_live"],
          ["first page, -name", { sorting: [{ field: "name", descending: true }] }, "customers_name_sort_live"],
          ["email filter", { email: "c1@example.com" }, "customers_email_lookup"],
        ];
        for (const [label, extra, index] of listCases)
          expectations.push([`list: ${label}`, (s) => s.list(list(extra)), { sqlite: new RegExp(index), postgres: new RegExp(index) }]);
        // The search starts from the trigram index (the matches), not from walking the organization.
        // PostgreSQL needs statistics for that (see the next test; the server gathers them at startup).
        if (storage.dialect === "sqlite")
          expectations.push(["list: search", (s) => s.list(list({ query: "ame 12" })), { sqlite: /customers_fts/, postgres: /never/ }]);

        for (const [label, run, expected] of expectations) {
          const captured: Captured[] = [];
          await run(recordingStore(storage, captured));
          const customerQueries = captured.filter((c) => /\bcustomers\b/.test(c.sql) && !/customer_counts/.test(c.sql));
          assert.ok(customerQueries.length > 0, `${label}: no query captured`);
          const text = await plan(storage, customerQueries[0]);
          assert.match(text, expected[storage.dialect], `${label} (${storage.dialect}) planned as:\n${text}`);
          assert.ok(!/\bSCAN customers\b(?! USING)/.test(text), `${label}: scans the table:\n${text}`);
          // A point lookup must never walk an organization's index.
          if (!label.startsWith("list: first page")) {
            for (const walk of [
              "customers_external_id_prefix_live",
              "customers_created_live",
              "customers_name_sort_live",
              "customers_email_sort_live",
            ]) {
              assert.ok(!uses(text, walk), `${label} walks ${walk}:\n${text}`);
            }
          }
        }

        if (storage.dialect === "postgres") {
          // With statistics (which openPostgres gathers in the background for tables that have none).
          await storage.database.db.executeQuery(CompiledQuery.raw("analyze customers"));
          for (const query of ["ame 12", "ext-12"]) {
            const captured: Captured[] = [];
            await recordingStore(storage, captured).list(list({ query }));
            const text = await plan(
              storage,
              captured.find((c) => /\bcustomers\b/.test(c.sql) && !/customer_counts/.test(c.sql))!,
            );
            assert.match(
              text,
              /customers_search_text_trgm[\s\S]*customers_external_id_key_prefix/,
              `search "${query}" planned as:\n${text}`,
            );
          }
        }
      } finally {
        await storage.close();
      }
    });
  });
}
