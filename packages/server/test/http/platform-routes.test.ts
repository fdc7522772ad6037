// This server's own routes, outside Polar's API, on a real server over each
// backend: the health probes and the test-reset endpoint (off by default).
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { freshDatabases } from "../support/backends.js";
import { createTestDatabase } from "../support/postgres.js";
import { TestServer } from "../support/server.js";
import { catalogOrg, createBenefit, createMeter, createProduct } from "../support/catalog.js";

const BACKENDS = freshDatabases("platform");

for (const [backend, newDatabaseUrl] of Object.entries(BACKENDS)) {
  describe(`platform routes (${backend})`, () => {
    let plain: TestServer;
    let testing: TestServer;
    before(async () => {
      plain = await TestServer.start(await newDatabaseUrl("plain"));
      testing = await TestServer.start(await newDatabaseUrl("testing"), { enableTestEndpoints: true });
    });
    after(async () => {
      await plain?.close();
      await testing?.close();
    });

    it("GET /healthz and /readyz answer 200 JSON without a token, ignoring Polar's headers", async () => {
      const headerSets: Record<string, string>[] = [
        {},
        { authorization: "Bearer polar_oat_bogus" },
        { authorization: "Basic x" },
        { "polar-version": "1999-01" },
      ];
      for (const headers of headerSets) {
        const health = await plain.request("GET", "/healthz", { token: null, headers });
        assert.equal(health.status, 200, JSON.stringify(headers));
        assert.deepEqual(health.body, { status: "ok" });
        assert.match(health.headers.get("content-type") ?? "", /^application\/json/);
        const ready = await plain.request("GET", "/readyz", { token: null, headers });
        assert.equal(ready.status, 200);
        assert.deepEqual(ready.body, { status: "ok", database: "ok" });
      }
      assert.equal((await plain.request("HEAD", "/healthz", { token: null })).status, 200);
      const wrongMethod = await plain.request("DELETE", "/readyz", { token: null });
      assert.equal(wrongMethod.status, 405);
      assert.equal(wrongMethod.headers.get("allow"), "GET, HEAD");
    });

    it("the probes are not in Polar's OpenAPI document", async () => {
      const doc = (await plain.request("GET", "/openapi.json", { token: null })).body;
      const ours = Object.keys(doc.paths).filter((p) => !p.startsWith("/v1/"));
      assert.deepEqual(ours, [], "only Polar's /v1 paths");
      assert.ok(!Object.keys(doc.paths).some((p) => p.startsWith("/v1/_test")), "no test endpoints");
    });

    it("POST /v1/_test/reset does not exist unless enabled", async () => {
      const customer = await plain.createCustomer();
      const reply = await plain.request("POST", "/v1/_test/reset", { raw: "" });
      assert.equal(reply.status, 404);
      assert.deepEqual(reply.body, { detail: "Not Found" });
      assert.equal((await plain.request("GET", `/v1/customers/${customer.id}`)).status, 200, "nothing was reset");
    });

    it("POST /v1/_test/reset empties the calling organization only; its tokens keep working", async () => {
      const other = await testing.newOrganization();
      const mine = await Promise.all([testing.createCustomer({ external_id: "keep-id" }), testing.createCustomer()]);
      const theirs = await testing.createCustomer({ external_id: "keep-id" }, other.token);
      const reply = await testing.request("POST", "/v1/_test/reset", { raw: "" });
      assert.equal(reply.status, 204, reply.text);
      assert.equal(reply.text, "");
      const list = await testing.request("GET", "/v1/customers/");
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.items, []);
      assert.equal(list.body.pagination.total_count, 0);
      for (const c of mine) assert.equal((await testing.request("GET", `/v1/customers/${c.id}`)).status, 404);
      assert.equal((await testing.request("GET", `/v1/customers/${theirs.id}`, { token: other.token })).status, 200);
      assert.equal((await testing.request("GET", "/v1/customers/", { token: other.token })).body.pagination.total_count, 1);
      // The same external id and email can be used again at once.
      const again = await testing.createCustomer({ external_id: "keep-id", email: mine[0].email });
      assert.equal(again.external_id, "keep-id");
      assert.equal((await testing.request("GET", "/v1/customers/")).body.pagination.total_count, 1);
    });

    it("POST /v1/_test/reset also empties the organization's meters, benefits and products, and no other organization's", async () => {
      const build = async (token: string) => {
        const meter = await createMeter(testing, token);
        const benefit = await createBenefit(testing, token);
        const product = await createProduct(testing, token, {
          prices: [
            { amount_type: "fixed", price_amount: 0 },
            { amount_type: "metered_unit", meter_id: meter.id, unit_amount: "0.5", price_currency: "usd" },
          ],
        });
        const linked = await testing.request("POST", `/v1/products/${product.id}/benefits`, { token, body: { benefits: [benefit.id] } });
        assert.equal(linked.status, 200, linked.text);
        return { meter, benefit, product };
      };
      const mine = await catalogOrg(testing);
      const theirs = await catalogOrg(testing);
      const [a, b] = [await build(mine.token), await build(theirs.token)];
      assert.equal((await testing.request("POST", "/v1/_test/reset", { raw: "", token: mine.token })).status, 204);
      for (const [path, id] of [
        ["meters", a.meter.id],
        ["benefits", a.benefit.id],
        ["products", a.product.id],
      ]) {
        assert.equal((await testing.request("GET", `/v1/${path}/${id}`, { token: mine.token })).status, 404, path);
        assert.equal((await testing.request("GET", `/v1/${path}/`, { token: mine.token })).body.pagination.total_count, 0, path);
      }
      for (const [path, id] of [
        ["meters", b.meter.id],
        ["benefits", b.benefit.id],
        ["products", b.product.id],
      ]) {
        assert.equal((await testing.request("GET", `/v1/${path}/${id}`, { token: theirs.token })).status, 200, path);
      }
      assert.deepEqual(
        (await testing.request("GET", `/v1/products/${b.product.id}`, { token: theirs.token })).body.benefits.map(
          (x: { id: string }) => x.id,
        ),
        [b.benefit.id],
      );
      // The emptied organization starts over cleanly.
      await build(mine.token);
    });

    it("POST /v1/_test/reset needs a token with a write scope, and an owner or admin for personal tokens", async () => {
      const customer = await testing.createCustomer();
      assert.equal((await testing.request("POST", "/v1/_test/reset", { raw: "", token: null })).status, 401);
      assert.equal((await testing.request("POST", "/v1/_test/reset", { raw: "", token: "polar_oat_nope" })).status, 401);
      const readOnly = await testing.newToken(testing.org.id, ["customers:read"]);
      const denied = await testing.request("POST", "/v1/_test/reset", { raw: "", token: readOnly });
      assert.equal(denied.status, 403);
      assert.equal(denied.body.error, "insufficient_scope");
      const member = await testing.newUser([[testing.org.id, "member"]]);
      const notAdmin = await testing.request("POST", "/v1/_test/reset", { raw: "", token: member.token });
      assert.equal(notAdmin.status, 403);
      assert.equal(notAdmin.body.error, "NotPermitted");
      assert.equal((await testing.request("GET", `/v1/customers/${customer.id}`)).status, 200, "nothing was reset");
      const admin = await testing.newUser([[testing.org.id, "admin"]]);
      assert.equal((await testing.request("POST", "/v1/_test/reset", { raw: "", token: admin.token })).status, 204);
      assert.equal((await testing.request("GET", `/v1/customers/${customer.id}`)).status, 404);
      assert.equal((await testing.request("GET", "/v1/_test/reset")).status, 405);
    });
  });
}

describe("GET /readyz when the database goes away (postgres)", () => {
  it("answers 503 with a JSON reason while /healthz still answers 200", async () => {
    const database = await createTestDatabase();
    const server = await TestServer.start(database.url);
    try {
      assert.equal((await server.request("GET", "/readyz", { token: null })).status, 200);
      await database.drop(); // WITH (FORCE): the server's connections are cut and the database is gone
      const ready = await server.request("GET", "/readyz", { token: null });
      assert.equal(ready.status, 503);
      assert.equal(ready.body.status, "unavailable");
      assert.match(ready.body.database, /^unreachable: /);
      assert.equal((await server.request("GET", "/healthz", { token: null })).status, 200);
    } finally {
      await server.close().catch(() => {});
      await database.drop(); // already gone unless a check above failed first
    }
  });
});
