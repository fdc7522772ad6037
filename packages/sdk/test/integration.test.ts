// The SDK against the real server (packages/server), started as a child process on a free port.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { PolarCore } from "../src/core.js";
import { customersGet } from "../src/funcs/customersGet.js";
import { customersList } from "../src/funcs/customersList.js";
import { ConnectionError } from "../src/models/errors/httpclienterrors.js";
import { HTTPValidationError } from "../src/models/errors/httpvalidationerror.js";
import { ResourceNotFound } from "../src/models/errors/resourcenotfound.js";
import { ResponseValidationError } from "../src/models/errors/responsevalidationerror.js";
import { SDKError } from "../src/models/errors/sdkerror.js";
import { Polar } from "../src/sdk/sdk.js";
import { startServer, type RunningServer } from "./support/server.js";

let server: RunningServer;
let polar: Polar;

before(async () => {
  server = await startServer();
  polar = new Polar({ accessToken: server.token, serverURL: server.url });
  // 23 customers for the paging tests, tagged so other tests' customers do not interfere.
  for (let i = 0; i < 23; i++) {
    await polar.customers.create({ email: `page${String(i).padStart(2, "0")}@acme.io`, metadata: { batch: "paging" } });
  }
});

after(() => server?.stop());

test("all ten methods round-trip through the server", async () => {
  const created = await polar.customers.create({
    email: "jane@acme.io",
    name: "Jane",
    externalId: "usr_1337",
    billingAddress: { country: "FR" },
    taxId: ["FR61954506077", "eu_vat"],
    metadata: { plan: "pro", seats: 3 },
  });
  assert.equal(created.type, "individual");
  assert.ok(created.createdAt instanceof Date);
  assert.deepEqual(created.taxId, ["FR61954506077", "eu_vat"]);
  assert.equal(created.organizationId, server.organizationId);
  assert.deepEqual(created.metadata, { plan: "pro", seats: 3 });

  const fetched = await polar.customers.get({ id: created.id });
  assert.deepEqual(fetched, created);
  const byExternal = await polar.customers.getExternal({ externalId: "usr_1337" });
  assert.equal(byExternal.id, created.id);

  const updated = await polar.customers.update({ id: created.id, customerUpdate: { name: "Jane D", metadata: { plan: "team" } } });
  assert.equal(updated.name, "Jane D");
  assert.deepEqual(updated.metadata, { plan: "team" });
  assert.ok(updated.modifiedAt instanceof Date);
  const updatedExternal = await polar.customers.updateExternal({ externalId: "usr_1337", customerUpdateExternalID: { locale: "fr-ca" } });
  assert.equal(updatedExternal.locale, "fr-CA");

  const state = await polar.customers.getState({ id: created.id });
  assert.equal(state.id, created.id);
  assert.deepEqual([state.activeSubscriptions, state.grantedBenefits, state.activeMeters], [[], [], []]);
  const stateExternal = await polar.customers.getStateExternal({ externalId: "usr_1337" });
  assert.equal(stateExternal.name, "Jane D");

  const listed = await polar.customers.list({ query: "jane@acme" });
  assert.deepEqual(
    listed.result.items.map((c) => c.id),
    [created.id],
  );
  assert.deepEqual(listed.result.pagination, { totalCount: 1, maxPage: 1 });

  assert.equal(await polar.customers.deleteExternal({ externalId: "usr_1337" }), undefined);
  await assert.rejects(polar.customers.get({ id: created.id }), ResourceNotFound);

  const other = await polar.customers.create({ type: "team", email: "team@acme.io", name: "Acme" });
  assert.equal(other.type, "team");
  assert.equal(await polar.customers.delete({ id: other.id, anonymize: true }), undefined);
  await assert.rejects(polar.customers.delete({ id: other.id }), ResourceNotFound);
});

async function pageSizes(request: Parameters<Polar["customers"]["list"]>[0]): Promise<number[]> {
  const sizes: number[] = [];
  for await (const page of await polar.customers.list(request)) sizes.push(page.result.items.length);
  return sizes;
}

test("paging walks the pages with the stop rule and keeps the filters", async () => {
  const metadata = { batch: "paging" };
  assert.deepEqual(await pageSizes({ metadata, limit: 10 }), [10, 10, 3]);
  assert.deepEqual(await pageSizes({ metadata, limit: 5, page: 3 }), [5, 5, 3]);
  assert.deepEqual(await pageSizes({ metadata, limit: 100 }), [23]);
  assert.deepEqual(await pageSizes({ metadata, limit: 10, page: 4 }), [0]);

  const first = await polar.customers.list({ metadata, limit: 10, sorting: ["email"] });
  assert.deepEqual(first["~next"], { page: 2 });
  const second = await first.next();
  assert.ok(second);
  assert.equal(second.result.items[0]!.email, "page10@acme.io");
  const third = await second.next();
  assert.equal(third!.result.items.length, 3);
  assert.equal(third!.next(), null);
  const emails = [];
  for await (const page of first) emails.push(...page.result.items.map((c) => c.email));
  assert.deepEqual(
    emails,
    Array.from({ length: 23 }, (_, i) => `page${String(i).padStart(2, "0")}@acme.io`),
  );
});

test("standalone list: iterating the Result yields Results; iterating its value (docs form) yields pages", async () => {
  const core = new PolarCore({ accessToken: server.token, serverURL: server.url });
  const res = await customersList(core, { metadata: { batch: "paging" }, limit: 20 });
  const results = [];
  for await (const r of res) results.push(r);
  assert.deepEqual(
    results.map((r) => r.ok && r.value.result.items.length),
    [20, 3],
  );
  assert.deepEqual(Object.keys(results[0]!), ["ok", "value"]);

  if (!res.ok) throw res.error;
  const { value: result } = res;
  const sizes = [];
  for await (const page of result) sizes.push(page.result.items.length);
  assert.deepEqual(sizes, [20, 3]);

  const failed = await customersList(core, { organizationId: "not-a-uuid" });
  assert.equal(failed.ok, false);
  assert.ok(failed.error instanceof HTTPValidationError);
  assert.equal(failed.next(), null);
  const halted = [];
  for await (const r of failed) halted.push(r);
  assert.equal(halted.length, 1);
});

test("server errors map to the documented classes", async () => {
  const core = new PolarCore({ accessToken: server.token, serverURL: server.url });

  const missing = await customersGet(core, { id: crypto.randomUUID() });
  assert.ok(missing.error instanceof ResourceNotFound);
  assert.equal(missing.error.detail, "Not found");

  const badId = await customersGet(core, { id: "<value>" });
  assert.ok(badId.error instanceof HTTPValidationError);
  assert.equal(badId.error.statusCode, 422);
  assert.equal(badId.error.detail![0]!.type, "uuid_parsing");
  assert.deepEqual(badId.error.detail![0]!.loc, ["path", "id"]);

  await polar.customers.create({ email: "dupe@acme.io" });
  const dupe = await polar.customers.create({ email: "dupe@acme.io" }).catch((e: unknown) => e);
  assert.ok(dupe instanceof HTTPValidationError);
  assert.equal(dupe.detail![0]!.msg, "A customer with this email address already exists.");

  const badToken = await customersGet(new PolarCore({ accessToken: "polar_oat_nope", serverURL: server.url }), { id: crypto.randomUUID() });
  assert.ok(badToken.error instanceof SDKError);
  assert.equal(badToken.error.statusCode, 401);
  assert.match(
    badToken.error.message,
    /^API error occurred: Status 401 Content-Type "application\/json; charset=utf-8"\nBody: \{"error":"invalid_token"/,
  );

  const anonymous = await customersGet(new PolarCore({ accessToken: "", serverURL: server.url }), { id: crypto.randomUUID() });
  assert.ok(anonymous.error instanceof SDKError);
  assert.equal(anonymous.error.statusCode, 401);

  // An unknown route answers 404 {"detail":"Not Found"}, which is not a ResourceNotFound body.
  const wrongPrefix = await customersGet(core, { id: crypto.randomUUID() }, { serverURL: `${server.url}/nope` });
  assert.ok(wrongPrefix.error instanceof ResponseValidationError);
  assert.equal(wrongPrefix.error.statusCode, 404);

  const closed = await customersGet(new PolarCore({ accessToken: server.token, serverURL: "http://127.0.0.1:9" }), { id: "x" });
  assert.ok(closed.error instanceof ConnectionError);
});
