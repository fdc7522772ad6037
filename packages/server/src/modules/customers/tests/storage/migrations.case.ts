// The customers tables used to be created by the single "0001_initial" step;
// since the module layout they come from "0001_initial_customers". A database
// created before the split has the tables but not that step's record, and
// must open as before, with its data intact.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { sql } from "kysely";
import type { ContractTarget, GetStorage } from "../../../../../test/support/contract.js";
import { customer, newOrg } from "./fixtures.js";

export function migrationCases(_get: GetStorage, target: ContractTarget): void {
  describe("customers: migrations", () => {
    it("a database from before the module layout opens with its customers intact", async () => {
      const first = await target.open();
      const org = await newOrg(first);
      const kept = await first.customers.insert(customer(org.id, { email: "kept@example.com", externalId: "kept" }));
      // What a database migrated by the old single step looks like: only that step recorded,
      // and nothing that later customers steps add (other modules' steps create only what is missing).
      await sql`delete from schema_migrations where name <> '0001_initial'`.execute(first.database.db);
      await sql`drop index customers_email_lookup`.execute(first.database.db);
      await sql`drop index customers_external_id_lookup`.execute(first.database.db);
      await first.close();

      const reopened = await target.open();
      try {
        assert.deepEqual(await reopened.customers.findById([org.id], kept.id), kept);
        const steps = await sql<{ name: string }>`select name from schema_migrations order by name`.execute(reopened.database.db);
        assert.deepEqual(
          steps.rows.map((r) => r.name).filter((name) => name.startsWith("0001_")),
          ["0001_initial", "0001_initial_customers"],
        );
        assert.equal((await reopened.customers.findByExternalId([org.id], "kept"))[0]?.id, kept.id, "later steps ran: the lookup index serves");
        // The unique indexes are still there: the step did not recreate the table without them.
        await assert.rejects(reopened.customers.insert(customer(org.id, { email: "KEPT@example.com" })), { name: "UniqueViolationError" });
      } finally {
        await reopened.close();
      }
    });
  });
}
