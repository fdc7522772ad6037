import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UniqueViolationError } from "../../../../platform/storage/seam.js";
import { type UniqueField } from "../../index.js";
import type { GetStorage } from "../../../../../test/support/contract.js";
import { customer, newOrg, tick } from "./fixtures.js";

function isViolation(field: UniqueField) {
  return (error: unknown) => {
    assert.ok(error instanceof UniqueViolationError, `expected UniqueViolationError, got ${String(error)}`);
    assert.equal(error.field, field);
    return true;
  };
}

const liveCount = async (s: ReturnType<GetStorage>, orgId: string) =>
  (await s.customers.list({ organizationIds: [orgId], sorting: [], limit: 100, offset: 0, active: false })).totalCount;

export function uniquenessCases(get: GetStorage): void {
  describe("customers: uniqueness", () => {
    it("email is unique per organization among live customers, case-insensitively", async () => {
      const s = get();
      const [a, b] = [await newOrg(s), await newOrg(s)];
      await s.customers.insert(customer(a.id, { email: "dup@example.com" }));
      await assert.rejects(s.customers.insert(customer(a.id, { email: "DUP@Example.com" })), isViolation("email"));
      await s.customers.insert(customer(b.id, { email: "dup@example.com" }));
      // Non-ASCII case folding follows JS toLowerCase on both backends.
      await s.customers.insert(customer(a.id, { email: "ÉLODIE@example.com" }));
      await assert.rejects(s.customers.insert(customer(a.id, { email: "élodie@example.com" })), isViolation("email"));
    });

    it("many customers may have no email or no external id", async () => {
      const s = get();
      const org = await newOrg(s);
      for (let i = 0; i < 3; i++) await s.customers.insert(customer(org.id, { type: "team", email: null, externalId: null }));
      assert.equal(await liveCount(s, org.id), 3);
    });

    it("external id is unique per organization, case-sensitively", async () => {
      const s = get();
      const [a, b] = [await newOrg(s), await newOrg(s)];
      await s.customers.insert(customer(a.id, { externalId: "abc" }));
      await assert.rejects(s.customers.insert(customer(a.id, { externalId: "abc" })), isViolation("external_id"));
      await s.customers.insert(customer(a.id, { externalId: "ABC" }));
      await s.customers.insert(customer(b.id, { externalId: "abc" }));
    });

    it("soft deletion frees the email and the external id", async () => {
      const s = get();
      const org = await newOrg(s);
      const c = await s.customers.insert(customer(org.id, { email: "free@example.com", externalId: "free" }));
      await s.customers.update(c.id, { deletedAt: tick(), externalId: null, metadata: { __external_id: "free" } });
      const again = await s.customers.insert(customer(org.id, { email: "FREE@example.com", externalId: "free" }));
      assert.equal(again.email, "FREE@example.com");
      // Deleted rows may even share the keys among themselves.
      await s.customers.update(again.id, { deletedAt: tick() });
      await s.customers.insert(customer(org.id, { email: "free@example.com", externalId: "free" }));
    });

    it("an update that would collide throws UniqueViolationError and writes nothing", async () => {
      const s = get();
      const org = await newOrg(s);
      await s.customers.insert(customer(org.id, { email: "taken@example.com", externalId: "taken" }));
      const c = await s.customers.insert(customer(org.id, { email: "mine@example.com", name: "Mine" }));
      await assert.rejects(s.customers.update(c.id, { email: "Taken@example.com", name: "Other" }), isViolation("email"));
      await assert.rejects(s.customers.update(c.id, { externalId: "taken", name: "Other" }), isViolation("external_id"));
      assert.deepEqual(await s.customers.findById([org.id], c.id), c);
      // Changing only the letter case of one's own email is no conflict.
      assert.equal((await s.customers.update(c.id, { email: "MINE@example.com" }))?.email, "MINE@example.com");
    });

    for (const field of ["email", "external_id"] as const) {
      it(`50 concurrent inserts with the same ${field} leave exactly one row`, async () => {
        const s = get();
        const org = await newOrg(s);
        const results = await Promise.allSettled(
          Array.from({ length: 50 }, (_, i) =>
            s.customers.insert(
              customer(org.id, field === "email" ? { email: i % 2 ? "race@example.com" : "RACE@example.com" } : { externalId: "race" }),
            ),
          ),
        );
        const ok = results.filter((r) => r.status === "fulfilled");
        const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
        assert.equal(ok.length, 1);
        assert.equal(failed.length, 49);
        for (const f of failed) isViolation(field)(f.reason);
        assert.equal(await liveCount(s, org.id), 1);
        assert.equal((await s.customers.list({ organizationIds: [org.id], sorting: [], limit: 100, offset: 0 })).totalCount, 1);
      });
    }
  });
}
