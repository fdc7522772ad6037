import assert from "node:assert/strict";
import { JsonFloat } from "../../../../platform/schema/floats.js";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import type { CustomerRecord, ListCustomersQuery } from "../../index.js";
import type { GetStorage } from "../../../../../test/support/contract.js";
import { customer, ids, newOrg, tick } from "./fixtures.js";

const page = (organizationIds: string[], extra: Partial<ListCustomersQuery> = {}): ListCustomersQuery => ({
  organizationIds,
  sorting: [],
  limit: 100,
  offset: 0,
  ...extra,
});

export function customerCases(get: GetStorage): void {
  describe("customers: insert / find", () => {
    it("round-trips every column with defaults, JSON types and millisecond times", async () => {
      const s = get();
      const org = await newOrg(s);
      const input = customer(org.id, {
        createdAt: new Date("2024-05-06T07:08:09.123Z"),
        email: "Ada@Example.com",
        type: "team",
        name: "Ada Lovelace",
        billingName: "Ada Ltd",
        billingAddress: { line1: "1 Main St", line2: null, postalCode: "12345", city: "Town", state: null, country: "US" },
        taxId: ["DE123456789", "eu_vat"],
        locale: "en-US",
        externalId: "ext-Ada",
        // Floats travel as JsonFloat (a number written 1.0 stays a float, as on Polar).
        metadata: {
          s: "1",
          i: 1,
          f: new JsonFloat(1.5),
          one: new JsonFloat(1),
          t: true,
          n: false,
          big: 12345678901,
          neg: new JsonFloat(-0.25),
          text: 'with "quotes" ✓',
        },
      });
      const expected: CustomerRecord = {
        ...input,
        modifiedAt: null,
        deletedAt: null,
        emailVerified: false,
        defaultPaymentMethodId: null,
        firstUserEventAt: null,
      };
      assert.deepEqual(await s.customers.insert(input), expected);
      const found = await s.customers.findById([org.id], input.id);
      assert.deepEqual(found, expected);
      assert.equal(typeof found!.metadata.s, "string");
      assert.equal(typeof found!.metadata.i, "number");
      assert.ok(found!.metadata.one instanceof JsonFloat && found!.metadata.one.value === 1);
      assert.equal(typeof found!.metadata.t, "boolean");
      assert.ok(found!.createdAt instanceof Date);
    });

    it("findById is scoped to the given organizations and only sees live customers", async () => {
      const s = get();
      const [a, b] = [await newOrg(s), await newOrg(s)];
      const c = await s.customers.insert(customer(a.id));
      assert.equal((await s.customers.findById([a.id], c.id))?.id, c.id);
      assert.equal((await s.customers.findById([b.id, a.id], c.id))?.id, c.id);
      assert.equal(await s.customers.findById([b.id], c.id), undefined);
      assert.equal(await s.customers.findById([], c.id), undefined);
      assert.equal(await s.customers.findById([a.id], randomUUID()), undefined);
      await s.customers.update(c.id, { deletedAt: tick() });
      assert.equal(await s.customers.findById([a.id], c.id), undefined);
    });

    it("findById with a malformed id finds nothing or throws an Error, never anything else", async () => {
      const s = get();
      const org = await newOrg(s);
      try {
        assert.equal(await s.customers.findById([org.id], "not-a-uuid"), undefined);
      } catch (error) {
        assert.ok(error instanceof Error);
      }
    });

    it("findByExternalId matches exactly, live only, across the given organizations", async () => {
      const s = get();
      const [a, b, c] = [await newOrg(s), await newOrg(s), await newOrg(s)];
      const ca = await s.customers.insert(customer(a.id, { externalId: "X-1" }));
      const cb = await s.customers.insert(customer(b.id, { externalId: "X-1" }));
      await s.customers.insert(customer(c.id, { externalId: "X-1" }));
      await s.customers.insert(customer(a.id, { externalId: "x-1" }));
      assert.deepEqual(ids(await s.customers.findByExternalId([a.id], "X-1")), [ca.id]);
      assert.deepEqual(new Set(ids(await s.customers.findByExternalId([a.id, b.id], "X-1"))), new Set([ca.id, cb.id]));
      assert.deepEqual(await s.customers.findByExternalId([a.id], "X-"), []);
      assert.deepEqual(await s.customers.findByExternalId([], "X-1"), []);
      await s.customers.update(ca.id, { deletedAt: tick(), externalId: null });
      assert.deepEqual(await s.customers.findByExternalId([a.id], "X-1"), []);
    });

    it("findConflicts: email case-insensitive, external id exact, excludeId, per organization", async () => {
      const s = get();
      const [a, b] = [await newOrg(s), await newOrg(s)];
      const c = await s.customers.insert(customer(a.id, { email: "Bob@Example.com", externalId: "ext-B" }));
      const none = { email: false, externalId: false };
      assert.deepEqual(await s.customers.findConflicts(a.id, { email: "bob@example.COM", externalId: "ext-B" }), {
        email: true,
        externalId: true,
      });
      assert.deepEqual(await s.customers.findConflicts(a.id, { externalId: "EXT-B" }), none);
      assert.deepEqual(await s.customers.findConflicts(a.id, { email: null, externalId: null }), none);
      assert.deepEqual(await s.customers.findConflicts(a.id, {}), none);
      assert.deepEqual(await s.customers.findConflicts(a.id, { email: "bob@example.com", externalId: "ext-B", excludeId: c.id }), none);
      assert.deepEqual(await s.customers.findConflicts(b.id, { email: "bob@example.com", externalId: "ext-B" }), none);
      await s.customers.update(c.id, { deletedAt: tick(), externalId: null });
      assert.deepEqual(await s.customers.findConflicts(a.id, { email: "bob@example.com", externalId: "ext-B" }), none);
    });
  });

  describe("customers: update", () => {
    it("writes only the given keys, can null them, and keeps derived keys in step", async () => {
      const s = get();
      const org = await newOrg(s);
      const c = await s.customers.insert(
        customer(org.id, { email: "old@example.com", name: "Old", locale: "fr", metadata: { k: "v" }, externalId: null }),
      );
      const modifiedAt = new Date("2025-01-02T03:04:05.006Z");
      const updated = await s.customers.update(c.id, {
        email: "New@Example.com",
        emailVerified: true,
        name: null,
        type: "team",
        externalId: "late-ext",
        metadata: { n: 2 },
        billingAddress: { line1: null, line2: null, postalCode: null, city: null, state: null, country: "DE" },
        taxId: ["123", "us_ein"],
        modifiedAt,
      });
      assert.deepEqual(updated, {
        ...c,
        email: "New@Example.com",
        emailVerified: true,
        name: null,
        type: "team",
        externalId: "late-ext",
        metadata: { n: 2 },
        billingAddress: { line1: null, line2: null, postalCode: null, city: null, state: null, country: "DE" },
        taxId: ["123", "us_ein"],
        modifiedAt,
      });
      assert.deepEqual(await s.customers.findById([org.id], c.id), updated);
      assert.deepEqual(ids((await s.customers.list(page([org.id], { email: "new@EXAMPLE.com" }))).items), [c.id]);
      assert.equal((await s.customers.list(page([org.id], { email: "old@example.com" }))).totalCount, 0);
      assert.deepEqual(await s.customers.findConflicts(org.id, { email: "NEW@example.com", externalId: "late-ext" }), {
        email: true,
        externalId: true,
      });
    });

    it("with no changes returns the live row; on a missing or deleted row returns undefined", async () => {
      const s = get();
      const org = await newOrg(s);
      const c = await s.customers.insert(customer(org.id, { name: "Same" }));
      assert.deepEqual(await s.customers.update(c.id, {}), c);
      assert.deepEqual(await s.customers.update(c.id, { name: undefined }), c);
      assert.equal(await s.customers.update(randomUUID(), { name: "x" }), undefined);
      const deleted = await s.customers.update(c.id, { deletedAt: tick(), metadata: { __external_id: "e" } });
      assert.ok(deleted?.deletedAt instanceof Date);
      assert.deepEqual(deleted?.metadata, { __external_id: "e" });
      assert.equal(await s.customers.update(c.id, { name: "again" }), undefined);
      assert.equal(await s.customers.update(c.id, { deletedAt: tick() }), undefined);
      assert.equal(await s.customers.update(c.id, {}), undefined);
    });

    it("keeps the live counter exact across inserts, deletes, repeated deletes and failed writes", async () => {
      const s = get();
      const org = await newOrg(s);
      const total = async () => (await s.customers.list(page([org.id]))).totalCount;
      assert.equal(await total(), 0);
      const made = [];
      for (let i = 0; i < 5; i++) made.push(await s.customers.insert(customer(org.id, { email: `c${i}@example.com` })));
      assert.equal(await total(), 5);
      await assert.rejects(s.customers.insert(customer(org.id, { email: "C0@example.com" })));
      assert.equal(await total(), 5);
      await s.customers.update(made[0].id, { deletedAt: tick() });
      await s.customers.update(made[0].id, { deletedAt: tick() });
      await Promise.all([s.customers.update(made[1].id, { deletedAt: tick() }), s.customers.update(made[1].id, { deletedAt: tick() })]);
      assert.equal(await total(), 3);
      await s.customers.update(made[2].id, { name: "renamed", modifiedAt: tick() });
      assert.equal(await total(), 3);
      // The counter must agree with a real count (a filter forces COUNT(*)).
      assert.equal((await s.customers.list(page([org.id], { metadata: {}, active: false }))).totalCount, 3);
      assert.equal((await s.customers.list(page([org.id]))).items.length, 3);
    });
  });
}
