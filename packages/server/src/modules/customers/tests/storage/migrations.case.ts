// The customers tables used to be created by the single "0001_initial" step of
// the first release; since the module layout they come from
// "0001_initial_customers" (which creates only what is missing) and later
// steps. A database created by that first release must open as before, with
// its data intact, and gain everything the later steps add.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sql } from "kysely";
import type { ContractTarget, GetStorage } from "../../../../../test/support/contract.js";
import { openDatabase } from "../../../../platform/storage/open.js";
import { openStorage } from "../../../../storage.js";
import { accountsModule } from "../../../accounts/index.js";
import { customersMigrations } from "../../migrations.js";
import { customerToRow } from "../../rows.js";
import { customer, tick } from "./fixtures.js";

/** The schema exactly as the first release's single step created it. */
const FIRST_RELEASE = {
  sqlite: {
    "0001_initial": [...accountsModule.migrations.sqlite["0001_initial"], ...customersMigrations.sqlite["0001_initial_customers"]],
  },
  postgres: {
    "0001_initial": [...accountsModule.migrations.postgres["0001_initial"], ...customersMigrations.postgres["0001_initial_customers"]],
  },
};

export function migrationCases(_get: GetStorage, target: ContractTarget): void {
  describe("customers: migrations", () => {
    it("a database from before the module layout opens with its customers intact", async () => {
      const scratch = await target.freshUrl();
      try {
        const old = await openDatabase(scratch.url, FIRST_RELEASE);
        const org = await accountsModule
          .store(old)
          .createOrganization({ id: crypto.randomUUID(), name: "Old", slug: `old-${crypto.randomUUID()}`, createdAt: tick() });
        // Written as that release wrote it: the row and its organization's single counter row.
        const kept = customer(org.id, { email: "kept@example.com", externalId: "kept" });
        await old.db.insertInto("customers").values(customerToRow(old.dialect.codec, kept)).execute();
        await sql`insert into customer_counts (organization_id, live_count) values (${org.id}, 1)`.execute(old.db);
        await old.close();

        const reopened = await openStorage(scratch.url);
        try {
          const found = await reopened.customers.findById([org.id], kept.id);
          assert.equal(found?.email, "kept@example.com");
          const total = async () =>
            (await reopened.customers.list({ organizationIds: [org.id], sorting: [], limit: 1, offset: 0 })).totalCount;
          assert.equal(await total(), 1, "the live counter carried over into its slots");
          assert.equal(
            (await reopened.customers.findByExternalId([org.id], "kept"))[0]?.id,
            kept.id,
            "later steps ran: the lookup index serves",
          );
          const steps = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(reopened.database.db);
          const names = steps.rows.map((r) => r.name);
          for (const step of ["0001_initial", "0001_initial_customers", "0002_customers_lookup_keys"])
            assert.ok(names.includes(step), `${step} recorded: ${names}`);
          // The unique indexes are still there: no step recreated the table without them.
          await assert.rejects(reopened.customers.insert(customer(org.id, { email: "KEPT@example.com" })), {
            name: "UniqueViolationError",
          });
          await reopened.customers.insert(customer(org.id, { email: "new@example.com" }));
          assert.equal(await total(), 2);
        } finally {
          await reopened.close();
        }
      } finally {
        await scratch.drop();
      }
    });
  });
}
