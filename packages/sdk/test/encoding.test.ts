// Request encoding: URLs, query strings, bodies, headers and local input validation.
import assert from "node:assert/strict";
import { test } from "node:test";
import { PolarCore } from "../src/core.js";
import { customersCreate } from "../src/funcs/customersCreate.js";
import { customersDelete } from "../src/funcs/customersDelete.js";
import { customersGet } from "../src/funcs/customersGet.js";
import { customersList } from "../src/funcs/customersList.js";
import { customersUpdateExternal } from "../src/funcs/customersUpdateExternal.js";
import { resetEnv } from "../src/lib/env.js";
import { SDK_METADATA } from "../src/lib/config.js";
import { SDKValidationError } from "../src/models/errors/sdkvalidationerror.js";
import { Polar } from "../src/sdk/sdk.js";
import { CUSTOMER_WIRE, json, mockClient } from "./support/mock.js";

const listPage = { items: [], pagination: { total_count: 0, max_page: 0 } };

test("list({}) sends the page and limit defaults", async () => {
  const m = mockClient(json(200, listPage));
  const polar = new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test" });
  const res = await customersList(polar, {});
  assert.equal(res.ok, true);
  assert.equal(m.requests[0]!.url, "http://api.test/v1/customers/?limit=10&page=1");
  assert.equal(m.requests[0]!.method, "GET");
});

test("list encodes metadata as deepObject first, then form parameters alphabetically", async () => {
  const m = mockClient(json(200, listPage));
  const polar = new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test" });
  await customersList(polar, {
    organizationId: ["org a", "org_b"],
    email: "a+b@x.io",
    query: "jo hn",
    active: true,
    page: 2,
    limit: 5,
    sorting: ["-created_at", "email"],
    metadata: { plan: "pro", tier: ["a", "b"], n: 3, f: false },
  });
  assert.equal(
    new URL(m.requests[0]!.url).search,
    "?metadata%5Bplan%5D=pro&metadata%5Btier%5D=a&metadata%5Btier%5D=b&metadata%5Bn%5D=3&metadata%5Bf%5D=false" +
      "&active=true&email=a%2Bb%40x.io&limit=5&organization_id=org%20a&organization_id=org_b&page=2" +
      "&query=jo%20hn&sorting=-created_at&sorting=email",
  );
});

test("invalid list input fails locally with SDKValidationError and sends nothing", async () => {
  const m = mockClient(json(200, listPage));
  const polar = new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test" });
  for (const bad of [{ metadata: { score: 1.5 } }, { sorting: ["created"] }, { page: 1.5 }, { organizationId: 42 }] as any[]) {
    const res = customersList(polar, bad);
    const [result, call] = await res.$inspect();
    assert.equal(result.ok, false);
    assert.ok(result.error instanceof SDKValidationError, String(result.error));
    assert.match(result.error.message, /^Input validation failed: \[/);
    assert.deepEqual(call, { status: "invalid" });
  }
  assert.equal(m.requests.length, 0);
});

test("path parameters are percent-encoded and a base path prefix is kept", async () => {
  const m = mockClient(json(200, CUSTOMER_WIRE));
  const polar = new Polar({ httpClient: m.httpClient, serverURL: "http://api.test/prefix" });
  await polar.customers.getExternal({ externalId: "a b/c" });
  await polar.customers.getStateExternal({ externalId: "ext/1?x" }).catch(() => {});
  assert.equal(m.requests[0]!.url, "http://api.test/prefix/v1/customers/external/a%20b%2Fc");
  assert.equal(m.requests[1]!.url, "http://api.test/prefix/v1/customers/external/ext%2F1%3Fx/state");
});

test("delete always sends anonymize", async () => {
  const m = mockClient(new Response(null, { status: 204 }));
  const polar = new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test" });
  const res = await customersDelete(polar, { id: "abc" });
  assert.deepEqual(res, { ok: true });
  assert.equal(Object.hasOwn(res, "value"), false);
  await customersDelete(polar, { id: "abc", anonymize: true });
  assert.equal(new URL(m.requests[0]!.url).search, "?anonymize=false");
  assert.equal(new URL(m.requests[1]!.url).search, "?anonymize=true");
  assert.equal(m.requests[0]!.method, "DELETE");
});

test("create sends snake_case JSON in schema order, drops unknown keys and fills in the type", async () => {
  const m = mockClient(json(201, CUSTOMER_WIRE));
  const polar = new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test" });
  const res = await customersCreate(polar, {
    email: "a@b.co",
    name: "N",
    externalId: "e1",
    billingAddress: { postalCode: "1", country: "US" },
    metadata: { k: "v", n: 1 },
    brandNew: 1,
  } as any);
  assert.equal(res.ok, true);
  assert.equal(
    m.bodies[0],
    '{"metadata":{"k":"v","n":1},"external_id":"e1","name":"N","billing_address":{"postal_code":"1","country":"US"},"type":"individual","email":"a@b.co"}',
  );
  assert.equal(m.requests[0]!.headers.get("content-type"), "application/json");
  assert.equal(m.requests[0]!.url, "http://api.test/v1/customers/");
});

test("create accepts the [value, format] tax ID pair from the docs and sends the value; null is kept", async () => {
  const m = mockClient(json(201, CUSTOMER_WIRE));
  const polar = new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test" });
  await customersCreate(polar, { email: "a@b.co", taxId: ["FR61954506077", "eu_vat"], billingAddress: { country: "SE" } });
  await customersCreate(polar, { type: "team", taxId: null, owner: { email: "o@b.co" } });
  assert.deepEqual(JSON.parse(m.bodies[0]!), {
    billing_address: { country: "SE" },
    tax_id: "FR61954506077",
    type: "individual",
    email: "a@b.co",
  });
  assert.equal(m.bodies[1], '{"tax_id":null,"owner":{"email":"o@b.co"},"type":"team"}');
});

test("create rejects bad input before sending", async () => {
  const m = mockClient(json(201, CUSTOMER_WIRE));
  const polar = new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test" });
  for (const bad of [
    { email: 42 },
    { name: "no email" },
    { email: "a@b.co", billingAddress: { country: "RU" } },
    { email: "a@b.co", billingAddress: { country: "ZZ" } },
    { email: "a@b.co", metadata: { k: null } },
    { type: "corporation", email: "a@b.co" },
  ] as any[]) {
    const res = await customersCreate(polar, bad);
    assert.equal(res.ok, false, JSON.stringify(bad));
    assert.ok(res.error instanceof SDKValidationError);
  }
  const res = await customersCreate(polar, { email: "a@b.co", billingAddress: { country: "RU" } } as any);
  assert.deepEqual((res.error as SDKValidationError).rawValue, { email: "a@b.co", billingAddress: { country: "RU" } });
  assert.match((res.error as SDKValidationError).pretty(), /billingAddress\.country|billing_address/);
  assert.equal(m.requests.length, 0);
});

test("updateExternal accepts the body as customerUpdate (docs) or customerUpdateExternalID (0.49.0)", async () => {
  const m = mockClient(json(200, CUSTOMER_WIRE));
  const polar = new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test" });
  await customersUpdateExternal(polar, { externalId: "x", customerUpdate: { name: "A", externalId: "dropped" } as any });
  await customersUpdateExternal(polar, { externalId: "x", customerUpdateExternalID: { locale: null } });
  assert.deepEqual(m.bodies, ['{"name":"A"}', '{"locale":null}']);
  assert.equal(m.requests[0]!.method, "PATCH");
});

test("headers: Accept, bearer token (prefix kept), user agent that per-call headers cannot replace", async () => {
  const m = mockClient(json(200, CUSTOMER_WIRE));
  const polar = new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test", accessToken: "tok" });
  await customersGet(polar, { id: "1" });
  await customersGet(new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test", accessToken: "Bearer abc" }), { id: "1" });
  await customersGet(polar, { id: "1" }, { headers: { authorization: "Bearer other", "user-agent": "x", "x-extra": "1" } });
  await customersGet(polar, { id: "1" }, { fetchOptions: { headers: { "x-from-fetch-options": "1" } } });
  const [plain, prefixed, overridden, viaFetchOptions] = m.requests;
  assert.equal(plain!.headers.get("accept"), "application/json");
  assert.equal(plain!.headers.get("authorization"), "Bearer tok");
  assert.equal(plain!.headers.get("user-agent"), SDK_METADATA.userAgent);
  assert.equal(plain!.headers.get("content-type"), null);
  assert.equal(prefixed!.headers.get("authorization"), "Bearer abc");
  assert.equal(overridden!.headers.get("authorization"), "Bearer other");
  assert.equal(overridden!.headers.get("user-agent"), SDK_METADATA.userAgent);
  assert.equal(overridden!.headers.get("x-extra"), "1");
  assert.equal(viaFetchOptions!.headers.get("x-from-fetch-options"), "1");
  await customersGet(new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test", userAgent: "mine/1" }), { id: "1" });
  assert.equal(m.requests[4]!.headers.get("user-agent"), "mine/1");
});

test("token: async function resolved per request, env fallback, empty string sends none", async () => {
  const m = mockClient(json(200, CUSTOMER_WIRE));
  let n = 0;
  const polar = new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test", accessToken: async () => `t${++n}` });
  await customersGet(polar, { id: "1" });
  await customersGet(polar, { id: "1" });
  assert.deepEqual(
    m.requests.map((r) => r.headers.get("authorization")),
    ["Bearer t1", "Bearer t2"],
  );

  const saved = process.env["POLAR_ACCESS_TOKEN"];
  process.env["POLAR_ACCESS_TOKEN"] = "from-env";
  resetEnv();
  try {
    await customersGet(new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test" }), { id: "1" });
    await customersGet(new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test", accessToken: "" }), { id: "1" });
  } finally {
    if (saved === undefined) delete process.env["POLAR_ACCESS_TOKEN"];
    else process.env["POLAR_ACCESS_TOKEN"] = saved;
    resetEnv();
  }
  assert.equal(m.requests[2]!.headers.get("authorization"), "Bearer from-env");
  assert.equal(m.requests[3]!.headers.get("authorization"), null);
});

test("server selection: production default, sandbox, serverURL wins, per-call serverURL, unknown name throws", async () => {
  const m = mockClient(json(200, CUSTOMER_WIRE));
  await customersGet(new PolarCore({ httpClient: m.httpClient }), { id: "1" });
  await customersGet(new PolarCore({ httpClient: m.httpClient, server: "sandbox" }), { id: "1" });
  await customersGet(new PolarCore({ httpClient: m.httpClient, server: "sandbox", serverURL: "http://x.test/" }), { id: "1" });
  await customersGet(new PolarCore({ httpClient: m.httpClient }), { id: "1" }, { serverURL: "http://y.test/api?k=1" });
  assert.deepEqual(
    m.requests.map((r) => r.url),
    [
      "https://api.polar.sh/v1/customers/1",
      "https://sandbox-api.polar.sh/v1/customers/1",
      "http://x.test/v1/customers/1",
      "http://y.test/api/v1/customers/1?k=1",
    ],
  );
  assert.throws(() => new PolarCore({ server: "staging" as any }), TypeError);
});
