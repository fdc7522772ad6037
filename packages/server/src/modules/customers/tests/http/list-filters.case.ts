// GET /v1/customers/ filters: organization_id, email, query,
// metadata[key] and active. Each test works in its own organization.

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { insertSubscription } from "../../../subscriptions/index.js";
import { SCHEMA, assert422, detail } from "../../../../../test/support/expect.js";
import { unique } from "../../../../../test/support/server.js";
import type { GetServer } from "../../../../../test/support/contract.js";
import { ids, listPage } from "./list.case.js";

const sorted = (values: string[]) => [...values].sort();
const BOOL_ERROR = "Input should be a valid boolean, unable to interpret input";

export function listFilterCases(get: GetServer): void {
  describe("list: filters", () => {
    /** Ids matching `query`, order-insensitive, after checking total_count agrees. */
    const matching = async (token: string, query: string) => {
      const page = await listPage(get(), token, `${query}${query.includes("?") ? "&" : "?"}limit=100`);
      assert.equal(page.pagination.total_count, page.items.length, query);
      return sorted(ids(page));
    };

    it("organization_id narrows the caller's organizations; inaccessible ones give no rows", async () => {
      const server = get();
      const one = await server.newOrganization();
      const two = await server.newOrganization();
      const outside = await server.newOrganization();
      const a = await server.createCustomer({}, one.token);
      const b = await server.createCustomer({}, two.token);
      await server.createCustomer({}, outside.token);
      assert.deepEqual(await matching(one.token, `?organization_id=${one.id}`), [a.id]);
      assert.deepEqual(await matching(one.token, `?organization_id=${two.id}`), []);
      assert.deepEqual(await matching(one.token, `?organization_id=${two.id}&organization_id=${one.id.toUpperCase()}`), [a.id]);
      const user = await server.newUser([
        [one.id, "finance"],
        [two.id, "member"],
      ]);
      assert.deepEqual(await matching(user.token, ""), sorted([a.id, b.id]));
      assert.deepEqual(await matching(user.token, `?organization_id=${two.id}`), [b.id]);
      assert.deepEqual(await matching(user.token, `?organization_id=${one.id}&organization_id=${two.id}`), sorted([a.id, b.id]));
      assert.deepEqual(await matching(user.token, `?organization_id=${outside.id}`), []);
      assert.deepEqual(await matching(user.token, `?organization_id=${outside.id}&organization_id=${one.id}`), [a.id]);
      const nobody = await server.newUser([]);
      assert.deepEqual(await listPage(server, nobody.token), { items: [], pagination: { total_count: 0, max_page: 0 } });
    });

    it("an invalid organization_id answers the scalar and the list branch errors", async () => {
      const server = get();
      const org = await server.newOrganization();
      const check = async (query: string, sent: string[], bad: [index: number, error: string][]) => {
        const reply = await server.request("GET", `/v1/customers/${query}`, { token: org.token });
        assert.equal(reply.status, 422, reply.text);
        assert.equal(reply.body.error, SCHEMA);
        const [scalar, ...list] = reply.body.detail;
        assert.deepEqual(
          scalar,
          detail("uuid_type", ["query", "organization_id", "uuid"], "UUID input should be a string, bytes or UUID object", sent),
        );
        assert.equal(list.length, bad.length);
        bad.forEach(([index, error], i) => {
          const item = list[i];
          // The branch name in loc[2] is Pydantic's internal schema name, which the spec leaves open.
          assert.equal(typeof item.loc[2], "string");
          assert.deepEqual(
            { ...item, loc: [item.loc[0], item.loc[1], item.loc[3]] },
            detail(
              error === "v4" ? "uuid_version" : "uuid_parsing",
              ["query", "organization_id", index],
              error === "v4" ? "UUID version 4 expected" : `Input should be a valid UUID, ${error}`,
              sent[index],
              error === "v4" ? { expected_version: 4 } : { error },
            ),
          );
          assert.equal(item.loc.length, 4);
        });
      };
      await check("?organization_id=abc", ["abc"], [[0, "invalid length: expected length 32 for simple format, found 3"]]);
      await check(
        `?organization_id=${org.id}&organization_id=zz&organization_id=c232ab00-9414-11ec-b3c8-9f6bdeced846`,
        [org.id, "zz", "c232ab00-9414-11ec-b3c8-9f6bdeced846"],
        [
          [1, "invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `z` at 1"],
          [2, "v4"],
        ],
      );
    });

    it("email: exact match, case-insensitive, no substring", async () => {
      const server = get();
      const org = await server.newOrganization();
      const local = unique("Exact");
      const target = await server.createCustomer({ email: `${local}@example.com` }, org.token);
      await server.createCustomer({ email: `${local}x@example.com` }, org.token);
      await server.createCustomer({ email: `x${local}@example.com` }, org.token);
      for (const email of [`${local}@example.com`, `${local.toLowerCase()}@EXAMPLE.COM`, `${local.toUpperCase()}@example.com`]) {
        assert.deepEqual(await matching(org.token, `?email=${encodeURIComponent(email)}`), [target.id], email);
      }
      for (const email of [local, `${local}@example`, "not an email"]) {
        assert.deepEqual(await matching(org.token, `?email=${encodeURIComponent(email)}`), [], email);
      }
    });

    it("query: substring of email or name (case-insensitive), prefix of external_id, wildcards literal", async () => {
      const server = get();
      const org = await server.newOrganization();
      const [johnny, mail, ext, percent, plain, underscore, other, slash] = await Promise.all(
        [
          { name: "Johnny Walker", email: "jw@example.com" },
          { email: "Someone.Special@example.com" },
          { external_id: "ext_ABC123" },
          { name: "100% pure" },
          { name: "100 pure" },
          { name: "a_b" },
          { name: "axb" },
          { name: "x/y" },
        ].map((fields) => server.createCustomer(fields, org.token)),
      );
      const cases: [string, { id: string }[]][] = [
        ["ohn", [johnny]],
        ["JOHNNY w", [johnny]],
        ["one.spec", [mail]],
        ["@example.com", [johnny, mail, ext, percent, plain, underscore, other, slash]],
        ["ext_AB", [ext]],
        ["ext_ab", [ext]],
        ["xt_AB", []],
        ["123", []],
        ["100%", [percent]],
        ["100", [percent, plain]],
        ["a_b", [underscore]],
        ["_", [underscore]],
        ["%", [percent]],
        ["x/y", [slash]],
        ["/", [slash]],
        ["nothing-matches", []],
      ];
      for (const [query, expected] of cases) {
        assert.deepEqual(await matching(org.token, `?query=${encodeURIComponent(query)}`), sorted(expected.map((c) => c.id)), query);
      }
      // An explicitly stored billing name (set by checkout flows, not by this API) is searched too.
      await server.storage.customers.update(plain.id, { billingName: "Billing Corp" });
      assert.deepEqual(await matching(org.token, "?query=ing%20CORP"), [plain.id]);
    });

    it("metadata[key]: OR within a key, AND across keys, values compared as text", async () => {
      const server = get();
      const org = await server.newOrganization();
      const [a, b, c, d] = await Promise.all(
        [
          { metadata: { tier: "gold", n: 1, flag: true, ratio: 1.5 } },
          { metadata: { tier: "silver", n: 2, flag: false } },
          { metadata: { tier: "gold", n: "1", flag: "true" } },
          { metadata: {} },
        ].map((fields) => server.createCustomer(fields, org.token)),
      );
      const cases: [string, { id: string }[]][] = [
        ["metadata[tier]=gold", [a, c]],
        ["metadata%5Btier%5D=gold", [a, c]],
        ["metadata[tier]=gold&metadata[tier]=silver", [a, b, c]],
        ["metadata[tier]=GOLD", []],
        ["metadata[n]=1", [a, c]],
        ["metadata[n]=2", [b]],
        ["metadata[flag]=true", [a, c]],
        ["metadata[flag]=false", [b]],
        ["metadata[flag]=True", []],
        ["metadata[ratio]=1.5", [a]],
        ["metadata[tier]=gold&metadata[n]=1&metadata[flag]=true", [a, c]],
        ["metadata[tier]=gold&metadata[ratio]=1.5", [a]],
        ["metadata[tier]=silver&metadata[ratio]=1.5", []],
        ["metadata[missing]=x", []],
        ["metadata[tier]=gold&metadata[tier]=silver&metadata[n]=2", [b]],
      ];
      for (const [query, expected] of cases) {
        assert.deepEqual(await matching(org.token, `?${query}`), sorted(expected.map((x) => x.id)), query);
      }
      assert.equal(d.metadata && Object.keys(d.metadata).length, 0);
    });

    it("active: live trialing/active/past_due subscriptions; spellings; bad values", async () => {
      const server = get();
      const org = await server.newOrganization();
      const customers = await Promise.all(Array.from({ length: 6 }, () => server.createCustomer({}, org.token)));
      const [active, trialing, pastDue, canceled, deletedActive, none] = customers;
      const subscribe = (customerId: string, status: string, deletedAt: Date | null = null) =>
        insertSubscription(server.storage, { id: randomUUID(), customerId, status, createdAt: new Date(), deletedAt });
      await subscribe(active.id, "active");
      await subscribe(active.id, "canceled");
      await subscribe(trialing.id, "trialing");
      await subscribe(pastDue.id, "past_due");
      await subscribe(canceled.id, "canceled");
      await subscribe(canceled.id, "incomplete");
      await subscribe(deletedActive.id, "active", new Date());
      const yes = sorted([active.id, trialing.id, pastDue.id]);
      const no = sorted([canceled.id, deletedActive.id, none.id]);
      for (const spelling of ["true", "True", "1", "yes", "on", "t", "Y"])
        assert.deepEqual(await matching(org.token, `?active=${spelling}`), yes, spelling);
      for (const spelling of ["false", "FALSE", "0", "no", "off", "f", "n"])
        assert.deepEqual(await matching(org.token, `?active=${spelling}`), no, spelling);
      for (const bad of ["maybe", "", "2", "truee"]) {
        assert422(await server.request("GET", `/v1/customers/?active=${bad}`, { token: org.token }), SCHEMA, [
          detail("bool_parsing", ["query", "active"], BOOL_ERROR, bad),
        ]);
      }
      // Filters combine with paging and each other.
      const page = await listPage(server, org.token, "?active=true&limit=2&sorting=created_at");
      assert.deepEqual(page.pagination, { total_count: 3, max_page: 2 });
      assert.deepEqual(await matching(org.token, `?active=false&email=${encodeURIComponent(none.email)}`), [none.id]);
    });

    it("deleted customers are never listed or counted", async () => {
      const server = get();
      const org = await server.newOrganization();
      const kept = await server.createCustomer({ name: "kept" }, org.token);
      const gone = await server.createCustomer({ name: "gone" }, org.token);
      await server.request("DELETE", `/v1/customers/${gone.id}`, { token: org.token });
      assert.deepEqual(await listPage(server, org.token), { items: [kept], pagination: { total_count: 1, max_page: 1 } });
      assert.deepEqual(await matching(org.token, "?query=gone"), []);
    });
  });
}
