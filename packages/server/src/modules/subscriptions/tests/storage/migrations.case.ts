// Databases created before this module have the customers module's minimal
// subscriptions table (id, customer_id, status, created_at, deleted_at) and
// no grants. They must open with their rows intact: old rows keep counting
// for the customers list's `active` filter, stay invisible to the
// subscriptions API and the period-end job, and new subscriptions work.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import type { ContractTarget, GetStorage } from "../../../../../test/support/contract.js";
import { tick } from "../../../../../test/support/fixtures.js";
import { mergeMigrations } from "../../../../platform/storage/migrations.js";
import { openDatabase } from "../../../../platform/storage/open.js";
import { openStorage } from "../../../../storage.js";
import { accountsModule } from "../../../accounts/index.js";
import { benefitsModule } from "../../../benefits/index.js";
import { customersModule } from "../../../customers/index.js";
import { metersModule } from "../../../meters/index.js";
import { productsModule } from "../../../products/index.js";
import { processDuePeriodEnds } from "../../index.js";

const BEFORE = mergeMigrations([accountsModule, customersModule, metersModule, benefitsModule, productsModule].map((m) => m.migrations));

export function subscriptionMigrationCases(_get: GetStorage, target: ContractTarget): void {
  describe("subscriptions: migrations", () => {
    it("takes over the minimal subscriptions table of earlier databases, rows intact", async () => {
      const scratch = await target.freshUrl();
      try {
        const old = await openDatabase(scratch.url, BEFORE);
        const org = await accountsModule
          .store(old)
          .createOrganization({ id: randomUUID(), name: "Old", slug: `old-${randomUUID()}`, createdAt: tick() });
        const customer = await customersModule.store(old).insert({
          id: randomUUID(),
          organizationId: org.id,
          createdAt: tick(),
          email: "old@example.com",
          type: "individual",
          name: null,
          billingName: null,
          billingAddress: null,
          taxId: null,
          locale: null,
          externalId: null,
          metadata: {},
        });
        const legacyId = randomUUID();
        // What the customers module's minimal writer used to insert.
        await sql`insert into subscriptions (id, customer_id, status, created_at, deleted_at)
          values (${legacyId}, ${customer.id}, 'active', ${old.dialect.codec.time(tick())}, null)`.execute(old.db);
        await old.close();

        const storage = await openStorage(scratch.url);
        try {
          const steps = (await sql<{ name: string }>`select name from schema_migrations`.execute(storage.database.db)).rows.map(
            (r) => r.name,
          );
          for (const step of ["0005_subscriptions", "0006_benefit_grants"]) assert.ok(steps.includes(step), `${step} ran: ${steps}`);
          const active = await storage.customers.list({ organizationIds: [org.id], active: true, sorting: [], limit: 10, offset: 0 });
          assert.deepEqual(
            active.items.map((c) => c.id),
            [customer.id],
            "the old row still makes the customer active",
          );
          assert.equal(await storage.subscriptions.findById([org.id], legacyId), undefined);
          const page = await storage.subscriptions.list({ organizationIds: [org.id], sorting: [], limit: 10, offset: 0 });
          assert.equal(page.totalCount, 0);
          assert.equal(await processDuePeriodEnds(storage, { upTo: new Date(Date.now() + 1e12) }), 0);
          const row = await sql<{ cancel_at_period_end: unknown; metadata: unknown; meters: unknown }>`
            select cancel_at_period_end, metadata, meters from subscriptions where id = ${legacyId}`.execute(storage.database.db);
          const codec = storage.database.dialect.codec;
          assert.deepEqual(
            [codec.readBool(row.rows[0].cancel_at_period_end), codec.readJson(row.rows[0].metadata), codec.readJson(row.rows[0].meters)],
            [false, {}, []],
            "added columns have their defaults",
          );
        } finally {
          await storage.close();
        }
      } finally {
        await scratch.drop();
      }
    });
  });
}
