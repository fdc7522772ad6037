// Customer meters over HTTP: attribution (by id and by external id, also to
// a customer created after its events), every aggregation, filter clauses,
// credits and resets through the ledger, the list's filters and sorting,
// tenancy and scopes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { GetServer } from "../../../../../test/support/contract.js";
import { INSUFFICIENT_SCOPE, MISSING_ID, NOT_FOUND } from "../../../../../test/support/catalog.js";
import { meterLedger } from "../../index.js";
import { ingestOk, meterOf, numbers, rowsOf, usageOrg } from "./support.js";

const COUNT_ALL = { func: "count" };
const eq = (property: string, value: unknown, operator = "eq") => ({ property, operator, value });

export function customerMeterCases(get: GetServer): void {
  describe("customer meters: numbers", () => {
    it("attributes events by customer id and by external id, also to a customer created after them", async () => {
      const server = get();
      const org = await usageOrg(server);
      const meter = await meterOf(server, org.token, COUNT_ALL, [eq("name", "api_call")]);
      await ingestOk(server, org.token, [
        { name: "api_call", external_customer_id: "late" },
        { name: "api_call", external_customer_id: "late" },
        { name: "other", external_customer_id: "late" },
        { name: "api_call", external_customer_id: "someone-else" },
      ]);
      const customer = await server.createCustomer({ external_id: "late" }, org.token);
      await ingestOk(server, org.token, [{ name: "api_call", customer_id: customer.id }]);
      const reply = await server.request("GET", `/v1/customer-meters/?customer_id=${customer.id}`, { token: org.token });
      assert.equal(reply.status, 200);
      assert.equal(reply.body.items.length, 1);
      const row = reply.body.items[0];
      assert.deepEqual(numbers(row), [3, 0, -3]);
      // Floats on the wire as Python writes them; credited units an integer.
      assert.match(reply.text, /"consumed_units":3\.0,"credited_units":0,"balance":-3\.0/);
      assert.equal(row.customer.id, customer.id);
      assert.equal(row.meter.id, meter.id);
      assert.equal(row.customer_id, customer.id);
      assert.deepEqual(Object.keys(row), [
        "id",
        "created_at",
        "modified_at",
        "customer_id",
        "meter_id",
        "consumed_units",
        "credited_units",
        "balance",
        "customer",
        "meter",
      ]);
      const one = await server.request("GET", `/v1/customer-meters/${row.id}`, { token: org.token });
      assert.equal(one.status, 200);
      assert.deepEqual(one.body, row);
      // Later events by external id count at once (numbers are computed when read).
      await ingestOk(server, org.token, [{ name: "api_call", external_customer_id: "late" }]);
      assert.deepEqual(numbers((await rowsOf(server, org.token, customer.id)).get(meter.id)), [4, 0, -4]);
    });

    it("computes count, sum, max, min, avg and unique over the events its filter passes", async () => {
      const server = get();
      const org = await usageOrg(server);
      const customer = await server.createCustomer({}, org.token);
      const only = [eq("name", "llm")];
      const meters = {
        count: await meterOf(server, org.token, COUNT_ALL, only),
        sum: await meterOf(server, org.token, { func: "sum", property: "tokens" }, only),
        max: await meterOf(server, org.token, { func: "max", property: "metadata.tokens" }, only),
        min: await meterOf(server, org.token, { func: "min", property: "tokens" }, only),
        avg: await meterOf(server, org.token, { func: "avg", property: "tokens" }, only),
        unique: await meterOf(server, org.token, { func: "unique", property: "user" }, only),
        nested: await meterOf(server, org.token, { func: "sum", property: "_llm.total_tokens" }, only),
        none: await meterOf(server, org.token, { func: "max", property: "tokens" }, [eq("name", "never")]),
      };
      const llm = (total: number) => ({ vendor: "v", model: "m", input_tokens: 1, output_tokens: 1, total_tokens: total });
      await ingestOk(server, org.token, [
        { name: "llm", customer_id: customer.id, metadata: { tokens: 10, user: "a", _llm: llm(5) } },
        { name: "llm", customer_id: customer.id, metadata: { tokens: 2.5, user: "b" } },
        { name: "llm", customer_id: customer.id, metadata: { tokens: "100", user: "a", _llm: llm(7) } },
        { name: "llm", customer_id: customer.id, metadata: { tokens: 30, user: 1 } },
        { name: "other", customer_id: customer.id, metadata: { tokens: 1000, user: "z" } },
      ]);
      const rows = await rowsOf(server, org.token, customer.id);
      const consumed = (m: { id: string }) => rows.get(m.id).consumed_units;
      assert.equal(rows.size, Object.keys(meters).length);
      assert.equal(consumed(meters.count), 4);
      assert.equal(consumed(meters.sum), 42.5);
      assert.equal(consumed(meters.max), 30);
      assert.equal(consumed(meters.min), 2.5);
      assert.equal(consumed(meters.avg), 42.5 / 3);
      assert.equal(consumed(meters.unique), 3);
      assert.equal(consumed(meters.nested), 12);
      assert.equal(consumed(meters.none), 0);
    });

    it("evaluates filter clauses type-aware, with like/not_like, timestamp, source, nested paths and or/and", async () => {
      const server = get();
      const org = await usageOrg(server);
      const customer = await server.createCustomer({}, org.token);
      const filters: Record<string, unknown[]> = {
        numberEq: [eq("n", 5)],
        stringEqNumber: [eq("n", "5")],
        gt: [eq("n", 4, "gt")],
        lte: [eq("n", 5, "lte")],
        ne: [eq("name", "a", "ne")],
        like: [eq("label", "pro", "like")],
        notLike: [eq("label", "pro", "not_like")],
        bool: [eq("flag", true)],
        nested: [eq("_llm.total_tokens", 2, "gte")],
        timestamp: [eq("timestamp", 1_700_000_000, "gt")],
        source: [eq("source", "user")],
        either: [{ conjunction: "or", clauses: [eq("name", "a"), eq("name", "b")] }],
      };
      const meters: Record<string, { id: string }> = {};
      for (const [name, clauses] of Object.entries(filters)) meters[name] = await meterOf(server, org.token, COUNT_ALL, clauses);
      await ingestOk(server, org.token, [
        {
          name: "a",
          customer_id: customer.id,
          timestamp: "2020-01-01T00:00:00Z",
          metadata: {
            n: 5,
            label: "pro plan",
            flag: true,
            _llm: { vendor: "v", model: "m", input_tokens: 1, output_tokens: 2, total_tokens: 3 },
          },
        },
        { name: "b", customer_id: customer.id, metadata: { n: "5", label: "Pro", flag: "true" } },
        { name: "c", customer_id: customer.id, metadata: { n: 4.5, label: "basic" } },
      ]);
      const rows = await rowsOf(server, org.token, customer.id);
      const consumed = Object.fromEntries(Object.entries(meters).map(([name, m]) => [name, rows.get(m.id).consumed_units]));
      assert.deepEqual(consumed, {
        numberEq: 1,
        stringEqNumber: 1,
        gt: 2,
        lte: 2,
        ne: 2,
        like: 1,
        notLike: 2,
        bool: 1,
        nested: 1,
        timestamp: 2,
        source: 3,
        either: 2,
      });
    });

    it("credits and debits through the ledger, floors the running sum at 0 and resets the window", async () => {
      const server = get();
      const org = await usageOrg(server);
      const customer = await server.createCustomer({}, org.token);
      const meter = await meterOf(server, org.token, COUNT_ALL, [eq("name", "call")]);
      const ledger = (work: (l: ReturnType<typeof meterLedger>) => Promise<void>) =>
        server.storage.transaction((tx) => work(meterLedger(tx)));
      const base = { organizationId: org.id, customerId: customer.id, meterId: meter.id, rollover: false };
      const t0 = Date.now() - 10_000;
      await ledger(async (l) => {
        await l.credit({ ...base, units: 100, at: new Date(t0) });
        await l.credit({ ...base, units: -150, at: new Date(t0 + 1) });
        await l.credit({ ...base, units: 20, at: new Date(t0 + 2) });
      });
      await ingestOk(server, org.token, [{ name: "call", customer_id: customer.id }]);
      let row = (await rowsOf(server, org.token, customer.id)).get(meter.id);
      assert.deepEqual(numbers(row), [1, 20, 19]);
      assert.notEqual(row.modified_at, null);

      const resetAt = new Date();
      await ledger((l) => l.reset({ organizationId: org.id, customerId: customer.id, meterId: meter.id, at: resetAt }));
      assert.equal((await server.storage.transaction((tx) => meterLedger(tx).lastReset(base)))?.getTime(), resetAt.getTime());
      row = (await rowsOf(server, org.token, customer.id)).get(meter.id);
      assert.deepEqual(numbers(row), [0, 0, 0]);
      while (Date.now() <= resetAt.getTime()) await new Promise((resolve) => setTimeout(resolve, 1));
      await ingestOk(server, org.token, [
        { name: "call", customer_id: customer.id },
        { name: "call", customer_id: customer.id },
      ]);
      assert.deepEqual(numbers((await rowsOf(server, org.token, customer.id)).get(meter.id)), [2, 0, -2]);
    });
  });

  describe("customer meters: list and get", () => {
    it("filters by customer, external id, meter and organization, hides archived meters unless asked, sorts", async () => {
      const server = get();
      const org = await usageOrg(server);
      const a = await server.createCustomer({ external_id: "a", name: "Bea" }, org.token);
      const b = await server.createCustomer({ external_id: "b", name: "Al" }, org.token);
      const m1 = await meterOf(server, org.token, COUNT_ALL, [], { name: "Meter one" });
      const m2 = await meterOf(server, org.token, COUNT_ALL, [eq("name", "x")], { name: "Meter two" });
      await ingestOk(server, org.token, [
        { name: "x", customer_id: a.id },
        { name: "x", customer_id: a.id },
        { name: "y", customer_id: b.id },
      ]);
      const list = async (query: string) => {
        const reply = await server.request("GET", `/v1/customer-meters/?limit=100&${query}`, { token: org.token });
        assert.equal(reply.status, 200, reply.text);
        return reply.body;
      };
      const all = await list("");
      assert.equal(all.pagination.total_count, 4);
      assert.deepEqual(
        (await list(`external_customer_id=b`)).items.map((r: any) => r.customer_id),
        [b.id, b.id],
      );
      assert.deepEqual(
        (await list(`meter_id=${m2.id}&customer_id=${a.id}&customer_id=${b.id}&sorting=-consumed_units`)).items.map((r: any) => [
          r.customer_id,
          r.consumed_units,
        ]),
        [
          [a.id, 2],
          [b.id, 0],
        ],
      );
      assert.deepEqual(
        (await list("sorting=balance&sorting=meter_name")).items.map((r: any) => [r.balance, r.meter.name]),
        [
          [-2, "Meter one"],
          [-2, "Meter two"],
          [-1, "Meter one"],
          [0, "Meter two"],
        ],
      );
      assert.deepEqual(
        (await list("sorting=customer_name&sorting=-meter_name")).items.map((r: any) => [r.customer.name, r.meter.name]),
        [
          ["Al", "Meter two"],
          ["Al", "Meter one"],
          ["Bea", "Meter two"],
          ["Bea", "Meter one"],
        ],
      );
      // b's row of m2 was never touched by a matching event: null modified_at sorts first by default (-modified_at).
      assert.equal(all.items[0].modified_at, null);
      assert.equal(all.items[0].customer_id, b.id);
      assert.equal(all.items[0].meter_id, m2.id);
      const paged = await server.request("GET", "/v1/customer-meters/?limit=3&page=2", { token: org.token });
      assert.equal(paged.body.items.length, 1);
      assert.deepEqual(paged.body.pagination, { total_count: 4, max_page: 2 });

      const archive = await server.request("PATCH", `/v1/meters/${m1.id}`, { token: org.token, body: { is_archived: true } });
      assert.equal(archive.status, 200);
      assert.equal((await list("")).pagination.total_count, 2);
      assert.equal((await list(`meter_id=${m1.id}`)).pagination.total_count, 2);
      assert.equal((await list(`organization_id=${MISSING_ID}`)).pagination.total_count, 0);
    });

    it("keeps organizations apart and needs customer_meters:read", async () => {
      const server = get();
      const org = await usageOrg(server);
      const other = await usageOrg(server);
      const customer = await server.createCustomer({}, org.token);
      await meterOf(server, org.token, COUNT_ALL);
      await ingestOk(server, org.token, [{ name: "x", customer_id: customer.id }]);
      const [row] = (await rowsOf(server, org.token, customer.id)).values();
      assert.deepEqual((await server.request("GET", `/v1/customer-meters/${row.id}`, { token: other.token })).body, NOT_FOUND);
      const foreignList = await server.request("GET", `/v1/customer-meters/?customer_id=${customer.id}&organization_id=${org.id}`, {
        token: other.token,
      });
      assert.equal(foreignList.body.pagination.total_count, 0);
      assert.equal((await server.request("GET", `/v1/customer-meters/${MISSING_ID}`, { token: org.token })).status, 404);
      const user = await server.newUser([[org.id, "finance"]], ["customer_meters:read"]);
      assert.equal((await server.request("GET", `/v1/customer-meters/${row.id}`, { token: user.token })).status, 200);
      const stranger = await server.newUser([[other.id, "owner"]], ["customer_meters:read"]);
      assert.equal((await server.request("GET", `/v1/customer-meters/${row.id}`, { token: stranger.token })).status, 404);
      for (const scopes of [["customers:read", "meters:read", "events:write"], ["customer_meters:write" as string]]) {
        const token = await server.newToken(
          org.id,
          scopes.filter((s) => s !== "customer_meters:write"),
        );
        const reply = await server.request("GET", "/v1/customer-meters/", { token });
        assert.equal(reply.status, 403);
        assert.deepEqual(reply.body, INSUFFICIENT_SCOPE);
      }
      // A deleted customer's rows disappear with it.
      assert.equal((await server.request("DELETE", `/v1/customers/${customer.id}`, { token: org.token })).status, 204);
      assert.equal((await server.request("GET", `/v1/customer-meters/${row.id}`, { token: org.token })).status, 404);
    });
  });
}
