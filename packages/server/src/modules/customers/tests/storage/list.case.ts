import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { insertSubscription } from "../../../subscriptions/index.js";
import type { CustomerRecord, ListCustomersQuery, SortKey } from "../../index.js";
import type { GetStorage } from "../../../../../test/support/contract.js";
import { customer, ids, insertMany, newOrg, tick } from "./fixtures.js";

type S = ReturnType<GetStorage>;
const q = (organizationIds: string[], extra: Partial<ListCustomersQuery> = {}): ListCustomersQuery => ({
  organizationIds,
  sorting: [],
  limit: 100,
  offset: 0,
  ...extra,
});
const asc = (field: SortKey["field"]): SortKey => ({ field, descending: false });
const desc = (field: SortKey["field"]): SortKey => ({ field, descending: true });

async function listIds(s: S, query: ListCustomersQuery) {
  return ids((await s.customers.list(query)).items);
}

/** Names and emails chosen to tell bytewise-lower-case order from locale order and to include NULLs. */
async function sortFixture(s: S) {
  const org = await newOrg(s);
  // Later than every tick() of the fixture, so these two tie at the top of the default order.
  const same = new Date(Date.UTC(2099, 0, 1, 0, 0, 0, 7));
  const rows = await insertMany(s, [
    customer(org.id, { email: "b@example.com", name: "bob" }),
    customer(org.id, { email: "A@example.com", name: "Émile" }),
    customer(org.id, { email: null, name: "alice" }),
    customer(org.id, { email: "_x@example.com", name: null }),
    customer(org.id, { email: "Zed@example.com", name: "Zoe", createdAt: same }),
    customer(org.id, { email: "z2@example.com", name: "zoe", createdAt: same }),
  ]);
  return { org, rows };
}

/** Reference order: lower-cased UTF-16 code units agree with UTF-8 bytes for these strings. */
function expectedOrder(rows: CustomerRecord[], key: "email" | "name", descending: boolean): string[] {
  const sorted = [...rows].sort((x, y) => {
    const a = x[key]?.toLowerCase() ?? null;
    const b = y[key]?.toLowerCase() ?? null;
    if (a === b) return x.id < y.id ? -1 : 1;
    if (a === null) return 1; // NULLs last ascending …
    if (b === null) return -1;
    return a < b ? -1 : 1;
  });
  return ids(descending ? sorted.reverse() : sorted); // … and first descending
}

export function listCases(get: GetStorage): void {
  describe("customers: list tenancy, sorting and paging", () => {
    it("only lists live customers of the given organizations; no organizations → nothing", async () => {
      const s = get();
      const [a, b, c] = [await newOrg(s), await newOrg(s), await newOrg(s)];
      const [ca, cb] = await insertMany(s, [customer(a.id), customer(b.id), customer(c.id)]);
      const gone = await s.customers.insert(customer(a.id));
      await s.customers.update(gone.id, { deletedAt: tick() });
      assert.deepEqual(await s.customers.list(q([])), { items: [], totalCount: 0 });
      assert.deepEqual(await listIds(s, q([a.id])), [ca.id]);
      const both = await s.customers.list(q([a.id, b.id]));
      assert.deepEqual(ids(both.items), [cb.id, ca.id]);
      assert.equal(both.totalCount, 2);
      assert.deepEqual(await s.customers.list(q([randomUUID()])), { items: [], totalCount: 0 });
    });

    it("defaults to created_at descending with id breaking ties", async () => {
      const s = get();
      const { org, rows } = await sortFixture(s);
      const [r0, r1, r2, r3, r4, r5] = rows;
      const [lo, hi] = [r4.id, r5.id].sort();
      assert.deepEqual(await listIds(s, q([org.id])), [hi, lo, r3.id, r2.id, r1.id, r0.id]);
      assert.deepEqual(await listIds(s, q([org.id], { sorting: [desc("created_at")] })), await listIds(s, q([org.id])));
      assert.deepEqual(await listIds(s, q([org.id], { sorting: [asc("created_at")] })), [r0.id, r1.id, r2.id, r3.id, lo, hi]);
    });

    for (const key of ["email", "name"] as const) {
      for (const descending of [false, true]) {
        it(`sorts by ${descending ? "-" : ""}${key}: lower-cased bytewise, PostgreSQL NULL placement`, async () => {
          const s = get();
          const { org, rows } = await sortFixture(s);
          const got = await listIds(s, q([org.id], { sorting: [{ field: key, descending }] }));
          assert.deepEqual(got, expectedOrder(rows, key, descending));
        });
      }
    }

    it("applies several sort keys in order", async () => {
      const s = get();
      const org = await newOrg(s);
      const [n1, n2, n3, n4] = await insertMany(s, [
        customer(org.id, { name: "same", email: "b@x.io" }),
        customer(org.id, { name: "same", email: "a@x.io" }),
        customer(org.id, { name: "other", email: "c@x.io" }),
        customer(org.id, { name: "SAME", email: null }),
      ]);
      assert.deepEqual(await listIds(s, q([org.id], { sorting: [asc("name"), desc("email")] })), [n3.id, n4.id, n1.id, n2.id]);
      assert.deepEqual(await listIds(s, q([org.id], { sorting: [desc("name"), asc("created_at")] })), [n1.id, n2.id, n4.id, n3.id]);
    });

    it("pages with limit/offset without gaps or overlaps; past the end keeps the total", async () => {
      const s = get();
      const org = await newOrg(s);
      const same = tick();
      const all = await insertMany(
        s,
        Array.from({ length: 23 }, (_, i) => customer(org.id, { createdAt: i % 3 ? same : tick() })),
      );
      for (const sorting of [[] as SortKey[], [asc("created_at")], [asc("email")], [desc("name")]]) {
        const seen: string[] = [];
        for (let offset = 0; offset < 30; offset += 5) {
          const p = await s.customers.list(q([org.id], { sorting, limit: 5, offset }));
          assert.equal(p.totalCount, 23);
          assert.equal(p.items.length, Math.max(0, Math.min(5, 23 - offset)));
          seen.push(...ids(p.items));
        }
        assert.deepEqual(new Set(seen), new Set(ids(all)));
        assert.equal(seen.length, 23);
      }
      assert.deepEqual(await s.customers.list(q([org.id], { limit: 10, offset: 100 })), { items: [], totalCount: 23 });
    });
  });

  describe("customers: list filters", () => {
    it("email: exact and case-insensitive", async () => {
      const s = get();
      const [a, b] = [await newOrg(s), await newOrg(s)];
      const [c] = await insertMany(s, [
        customer(a.id, { email: "Exact@Example.com" }),
        customer(a.id, { email: "exact@example.co" }),
        customer(a.id, { email: "xexact@example.com" }),
        customer(b.id, { email: "exact@example.com" }),
      ]);
      const p = await s.customers.list(q([a.id], { email: "EXACT@example.COM" }));
      assert.deepEqual(ids(p.items), [c.id]);
      assert.equal(p.totalCount, 1);
      assert.equal((await s.customers.list(q([a.id], { email: "exact" }))).totalCount, 0);
    });

    it("metadata: value rendered as text, OR within a key, AND across keys", async () => {
      const s = get();
      const org = await newOrg(s);
      const [str, int, flt, yes, no, other] = await insertMany(s, [
        customer(org.id, { metadata: { v: "1", tier: "gold" } }),
        customer(org.id, { metadata: { v: 1, tier: "gold" } }),
        customer(org.id, { metadata: { v: 1.5, tier: "silver" } }),
        customer(org.id, { metadata: { v: true, 'we"ird.key': "x" } }),
        customer(org.id, { metadata: { v: false } }),
        customer(org.id, { metadata: { w: "1" } }),
      ]);
      const match = async (metadata: Record<string, string[]>) => new Set(ids((await s.customers.list(q([org.id], { metadata }))).items));
      assert.deepEqual(await match({ v: ["1"] }), new Set([str.id, int.id]));
      assert.deepEqual(await match({ v: ["1.5"] }), new Set([flt.id]));
      assert.deepEqual(await match({ v: ["true"] }), new Set([yes.id]));
      assert.deepEqual(await match({ v: ["false", "1.5"] }), new Set([no.id, flt.id]));
      assert.deepEqual(await match({ v: ["1"], tier: ["gold"] }), new Set([str.id, int.id]));
      assert.deepEqual(await match({ v: ["1"], tier: ["silver"] }), new Set());
      assert.deepEqual(await match({ 'we"ird.key': ["x"] }), new Set([yes.id]));
      assert.deepEqual(await match({ v: ["TRUE", "1.50", "01"] }), new Set());
      assert.deepEqual(await match({ w: ["1"] }), new Set([other.id]));
      assert.equal((await s.customers.list(q([org.id], { metadata: { v: ["1"] } }))).totalCount, 2);
    });

    it("active: a live trialing/active/past_due subscription, or none", async () => {
      const s = get();
      const org = await newOrg(s);
      const cs = await insertMany(
        s,
        Array.from({ length: 7 }, () => customer(org.id)),
      );
      const [trialing, active, pastDue, canceled, deletedSub, none, mixed] = cs;
      const sub = (c: CustomerRecord, status: string, deletedAt: Date | null = null) =>
        insertSubscription(s, { id: randomUUID(), customerId: c.id, status, createdAt: tick(), deletedAt });
      await sub(trialing, "trialing");
      await sub(active, "active");
      await sub(pastDue, "past_due");
      await sub(canceled, "canceled");
      await sub(deletedSub, "active", tick());
      await sub(mixed, "canceled");
      await sub(mixed, "active");
      await sub(mixed, "unpaid");
      const on = await s.customers.list(q([org.id], { active: true }));
      assert.deepEqual(new Set(ids(on.items)), new Set([trialing.id, active.id, pastDue.id, mixed.id]));
      assert.equal(on.totalCount, 4);
      const off = await s.customers.list(q([org.id], { active: false }));
      assert.deepEqual(new Set(ids(off.items)), new Set([canceled.id, deletedSub.id, none.id]));
      assert.equal(off.totalCount, 3);
    });

    it("filters combine with each other, with sorting and with paging", async () => {
      const s = get();
      const org = await newOrg(s);
      const [a, b] = await insertMany(s, [
        customer(org.id, { email: "combo1@example.com", name: "Combo A", metadata: { k: "x" } }),
        customer(org.id, { email: "combo2@example.com", name: "Combo B", metadata: { k: "x" } }),
        customer(org.id, { email: "combo3@example.com", name: "Combo C", metadata: { k: "y" } }),
      ]);
      const p = await s.customers.list(
        q([org.id], { query: "combo", metadata: { k: ["x"] }, active: false, sorting: [asc("name")], limit: 1 }),
      );
      assert.deepEqual(ids(p.items), [a.id]);
      assert.equal(p.totalCount, 2);
      const p2 = await s.customers.list(
        q([org.id], { query: "COMBO", metadata: { k: ["x"] }, sorting: [asc("name")], limit: 1, offset: 1 }),
      );
      assert.deepEqual(ids(p2.items), [b.id]);
    });
  });
}
