import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ListCustomersQuery } from "../../index.js";
import type { GetStorage } from "../../../../../test/support/contract.js";
import { customer, ids, insertMany, newOrg, tick } from "./fixtures.js";

type S = ReturnType<GetStorage>;

async function search(s: S, organizationIds: string[], query: string, extra: Partial<ListCustomersQuery> = {}) {
  const page = await s.customers.list({ organizationIds, query, sorting: [], limit: 100, offset: 0, ...extra });
  assert.equal(page.totalCount, page.items.length);
  return new Set(ids(page.items));
}

export function searchCases(get: GetStorage): void {
  describe("customers: list query search", () => {
    it("matches substrings of email, name and stored billing name, case-insensitively", async () => {
      const s = get();
      const org = await newOrg(s);
      const [byEmail, byName, byBilling, none] = await insertMany(s, [
        customer(org.id, { email: "Jane.DOE@Example.com" }),
        customer(org.id, { name: "Mary Janeway" }),
        customer(org.id, { name: "Corp", billingName: "JANET Ltd" }),
        customer(org.id, { email: "other@example.com", name: "Other" }),
      ]);
      assert.deepEqual(await search(s, [org.id], "jane"), new Set([byEmail.id, byName.id, byBilling.id]));
      assert.deepEqual(await search(s, [org.id], "DOE@ex"), new Set([byEmail.id]));
      assert.deepEqual(await search(s, [org.id], "anet l"), new Set([byBilling.id]));
      assert.deepEqual(await search(s, [org.id], "example.com"), new Set([byEmail.id, none.id]));
      assert.deepEqual(await search(s, [org.id], "nomatch"), new Set());
    });

    it("matches external ids by case-insensitive prefix only", async () => {
      const s = get();
      const org = await newOrg(s);
      const [c1, c2] = await insertMany(s, [
        customer(org.id, { externalId: "User-123" }),
        customer(org.id, { externalId: "user-456" }),
        customer(org.id, { externalId: "xuser-789" }),
      ]);
      assert.deepEqual(await search(s, [org.id], "USER-"), new Set([c1.id, c2.id]));
      assert.deepEqual(await search(s, [org.id], "user-12"), new Set([c1.id]));
      assert.deepEqual(await search(s, [org.id], "123"), new Set());
    });

    it("works for needles shorter than a trigram", async () => {
      const s = get();
      const org = await newOrg(s);
      const [a, b] = await insertMany(s, [
        customer(org.id, { name: "Qz one" }),
        customer(org.id, { email: "xqz@example.com" }),
        customer(org.id, { name: "other" }),
      ]);
      assert.deepEqual(await search(s, [org.id], "QZ"), new Set([a.id, b.id]));
      assert.deepEqual(await search(s, [org.id], "q"), new Set([a.id, b.id]));
    });

    it("treats %, _ and / literally", async () => {
      const s = get();
      const org = await newOrg(s);
      const [pct, und, slash] = await insertMany(s, [
        customer(org.id, { name: "100% pure" }),
        customer(org.id, { email: "first_last@example.com" }),
        customer(org.id, { name: "a/b testing", externalId: "%_/x" }),
        customer(org.id, { name: "100 pure firstXlast ab" }),
      ]);
      assert.deepEqual(await search(s, [org.id], "0% p"), new Set([pct.id]));
      assert.deepEqual(await search(s, [org.id], "%"), new Set([pct.id, slash.id]));
      assert.deepEqual(await search(s, [org.id], "t_l"), new Set([und.id]));
      assert.deepEqual(await search(s, [org.id], "_"), new Set([und.id]));
      assert.deepEqual(await search(s, [org.id], "a/b"), new Set([slash.id]));
      assert.deepEqual(await search(s, [org.id], "%_/"), new Set([slash.id]));
      // Backslash is PostgreSQL's default LIKE escape; with ESCAPE '/' it is literal.
      const back = await s.customers.insert(customer(org.id, { name: "back\\slash" }));
      assert.deepEqual(await search(s, [org.id], "k\\s"), new Set([back.id]));
      assert.deepEqual(await search(s, [org.id], "\\"), new Set([back.id]));
    });

    it("handles non-ASCII letters and double quotes in the needle", async () => {
      const s = get();
      const org = await newOrg(s);
      const [e, q] = await insertMany(s, [customer(org.id, { name: "ÉLODIE Ñandú" }), customer(org.id, { name: 'say "hi" now' })]);
      assert.deepEqual(await search(s, [org.id], "élodie ñ"), new Set([e.id]));
      assert.deepEqual(await search(s, [org.id], '"hi"'), new Set([q.id]));
    });

    it("follows updates and deletions, and stays within the given organizations", async () => {
      const s = get();
      const [a, b] = [await newOrg(s), await newOrg(s)];
      const [c, d, other] = await insertMany(s, [
        customer(a.id, { name: "Findable Person" }),
        customer(a.id, { name: "Findable Too" }),
        customer(b.id, { name: "Findable Elsewhere" }),
      ]);
      assert.deepEqual(await search(s, [a.id], "findable"), new Set([c.id, d.id]));
      await s.customers.update(c.id, { name: "Renamed Person" });
      await s.customers.update(d.id, { deletedAt: tick() });
      assert.deepEqual(await search(s, [a.id], "findable"), new Set());
      assert.deepEqual(await search(s, [a.id], "renamed"), new Set([c.id]));
      assert.deepEqual(await search(s, [a.id, b.id], "findable"), new Set([other.id]));
      await s.customers.update(c.id, { name: null, billingName: "Billed Findable" });
      assert.deepEqual(await search(s, [a.id], "findable"), new Set([c.id]));
      assert.deepEqual(await search(s, [a.id], "findable", { active: true }), new Set());
    });
  });
}
