// Response handling: decoding, the status/content-type matcher and every error class built from a response.
import assert from "node:assert/strict";
import { test } from "node:test";
import { PolarCore } from "../src/core.js";
import { customersCreate } from "../src/funcs/customersCreate.js";
import { customersGet } from "../src/funcs/customersGet.js";
import { customersGetState } from "../src/funcs/customersGetState.js";
import { HTTPValidationError } from "../src/models/errors/httpvalidationerror.js";
import { PolarError } from "../src/models/errors/polarerror.js";
import { ResourceNotFound } from "../src/models/errors/resourcenotfound.js";
import { ResponseValidationError } from "../src/models/errors/responsevalidationerror.js";
import { SDKError } from "../src/models/errors/sdkerror.js";
import { SDKValidationError } from "../src/models/errors/sdkvalidationerror.js";
import { Polar } from "../src/sdk/sdk.js";
import { CUSTOMER_WIRE, json, mockClient, type Answer } from "./support/mock.js";

function client(...answers: Answer[]) {
  const m = mockClient(...answers);
  return { ...m, core: new PolarCore({ httpClient: m.httpClient, serverURL: "http://api.test" }) };
}

test("a customer is decoded to camelCase with Dates, unknown fields dropped", async () => {
  const { core } = client(json(200, { ...CUSTOMER_WIRE, brand_new_field: 1, modified_at: "2026-08-23T10:00:00+02:00" }));
  const res = await customersGet(core, { id: CUSTOMER_WIRE.id });
  assert.ok(res.ok);
  const c = res.value;
  assert.ok(c.createdAt instanceof Date);
  assert.equal(c.createdAt.toISOString(), "2026-08-22T10:00:00.123Z");
  assert.equal(c.modifiedAt!.toISOString(), "2026-08-23T08:00:00.000Z");
  assert.deepEqual(c.billingAddress, { line1: null, line2: null, postalCode: null, city: null, state: null, country: "FR" });
  assert.deepEqual(c.taxId, ["FR61954506077", "eu_vat"]);
  assert.equal(c.externalId, "usr_1337");
  assert.equal("brandNewField" in c || "brand_new_field" in c || "firstUserEventAt" in c, false);
});

test("a team customer may omit its email; optional keys stay absent", async () => {
  const wire: Record<string, unknown> = { ...CUSTOMER_WIRE, type: "team" };
  delete wire["email"];
  delete wire["locale"];
  const { core } = client(json(200, wire));
  const res = await customersGet(core, { id: "x" });
  assert.ok(res.ok, String(res.error));
  assert.equal(res.value.type, "team");
  assert.equal(Object.hasOwn(res.value, "email"), false);
  assert.equal(Object.hasOwn(res.value, "locale"), false);
});

test("customer state decodes its nested lists", async () => {
  const state = {
    ...CUSTOMER_WIRE,
    active_subscriptions: [
      {
        id: "s1",
        created_at: "2026-01-01T00:00:00Z",
        modified_at: null,
        custom_field_data: { when: "2026-01-01T00:00:00Z" },
        metadata: {},
        status: "active",
        amount: 1000,
        currency: "usd",
        recurring_interval: "month",
        current_period_start: "2026-01-01T00:00:00Z",
        current_period_end: "2026-02-01T00:00:00Z",
        trial_start: null,
        trial_end: null,
        cancel_at_period_end: false,
        canceled_at: null,
        started_at: "2026-01-01T00:00:00Z",
        ends_at: null,
        product_id: "p1",
        discount_id: null,
        price_id: "pr1",
        meters: [
          {
            created_at: "2026-01-01T00:00:00Z",
            modified_at: null,
            id: "m1",
            consumed_units: 2.5,
            credited_units: 10,
            amount: 0,
            meter_id: "mt1",
          },
        ],
      },
    ],
    granted_benefits: [
      {
        id: "g1",
        created_at: "2026-01-01T00:00:00Z",
        modified_at: null,
        granted_at: "2026-01-01T00:00:00Z",
        benefit_id: "b1",
        benefit_type: "license_keys",
        benefit_metadata: {},
        properties: { license_key_id: "lk", display_key: "****", other: 1 },
      },
    ],
    active_meters: [
      {
        id: "am1",
        created_at: "2026-01-01T00:00:00Z",
        modified_at: null,
        meter_id: "mt1",
        consumed_units: 25,
        credited_units: 100,
        balance: 75,
      },
    ],
  };
  const { core } = client(json(200, state));
  const res = await customersGetState(core, { id: "x" });
  assert.ok(res.ok, String(res.error));
  const sub = res.value.activeSubscriptions[0]!;
  assert.ok(sub.currentPeriodEnd instanceof Date);
  assert.equal(sub.customFieldData!["when"], "2026-01-01T00:00:00Z");
  assert.equal(sub.meters[0]!.consumedUnits, 2.5);
  assert.equal("priceId" in sub, false);
  assert.deepEqual(res.value.grantedBenefits[0]!.properties, { licenseKeyId: "lk", displayKey: "****" });
  assert.equal(res.value.activeMeters[0]!.balance, 75);
});

test("a body that does not match the schema is a ResponseValidationError", async () => {
  for (const bad of [
    { ...CUSTOMER_WIRE, created_at: "2026-08-22T10:00:00" },
    { ...CUSTOMER_WIRE, created_at: "2026-08-22 10:00:00Z" },
    { ...CUSTOMER_WIRE, created_at: "2026-13-22T10:00:00Z" },
    { ...CUSTOMER_WIRE, type: "robot" },
    { ...CUSTOMER_WIRE, email: null },
    { ...CUSTOMER_WIRE, billing_name: undefined },
  ]) {
    const { core } = client(json(200, bad));
    const res = await customersGet(core, { id: "x" });
    assert.equal(res.ok, false);
    const err = res.error as ResponseValidationError;
    assert.ok(err instanceof ResponseValidationError);
    assert.ok(err instanceof PolarError);
    assert.ok(err instanceof SDKValidationError, "kept instanceof quirk of the official SDK");
    assert.equal(err.message, "Response validation failed");
    assert.equal(err.statusCode, 200);
    assert.deepEqual(err.rawValue, JSON.parse(JSON.stringify(bad)));
    assert.match(err.pretty(), /^Response validation failed\n {2}✖ expected/);
  }
});

test("invalid JSON is a typed ResponseValidationError, not a raw SyntaxError", async () => {
  const { core } = client(json(200, "{not json"));
  const res = await customersGet(core, { id: "x" });
  assert.equal(res.ok, false);
  assert.ok(res.error instanceof ResponseValidationError);
  assert.ok(res.error.cause instanceof SyntaxError);
  assert.equal(res.error.body, "{not json");
  const polar = new Polar({ httpClient: mockClient(json(404, "<html>")).httpClient, serverURL: "http://api.test" });
  await assert.rejects(polar.customers.get({ id: "x" }), ResponseValidationError);
});

test("404 ResourceNotFound and 422 HTTPValidationError carry the parsed body", async () => {
  const { core } = client(
    json(404, { error: "ResourceNotFound", detail: "Not found" }),
    json(422, {
      error: "RequestValidationError",
      detail: [{ type: "uuid_parsing", loc: ["path", "id"], msg: "Input should be a valid UUID", input: "x", ctx: { error: "e" } }],
    }),
  );
  const nf = await customersGet(core, { id: "x" });
  assert.ok(nf.error instanceof ResourceNotFound);
  assert.equal(nf.error.statusCode, 404);
  assert.equal(nf.error.detail, "Not found");
  assert.equal(nf.error.error, "ResourceNotFound");
  assert.equal(nf.error.name, "ResourceNotFound");
  assert.equal(nf.error.message, 'API error occurred: {"error":"ResourceNotFound","detail":"Not found"}');
  assert.equal(nf.error.data$.body$, '{"error":"ResourceNotFound","detail":"Not found"}');
  assert.ok(nf.error.data$.request$ instanceof Request);
  assert.equal(nf.error.contentType, "application/json");

  const ve = await customersGet(core, { id: "x" });
  assert.ok(ve.error instanceof HTTPValidationError);
  assert.deepEqual(ve.error.detail, [
    { type: "uuid_parsing", loc: ["path", "id"], msg: "Input should be a valid UUID", input: "x", ctx: { error: "e" } },
  ]);
  assert.equal(ve.error.name, "HTTPValidationError");
});

test("a 404 without the ResourceNotFound shape is a ResponseValidationError with status 404", async () => {
  const { core } = client(json(404, { detail: "Not Found" }));
  const res = await customersGet(core, { id: "x" });
  assert.ok(res.error instanceof ResponseValidationError);
  assert.equal(res.error.statusCode, 404);
  assert.equal((res.error.rawValue as any).detail, "Not Found");
  assert.equal((res.error.rawValue as any).body$, '{"detail":"Not Found"}');
});

test("other statuses and content types are SDKError with the documented message format", async () => {
  const long = "x".repeat(150);
  const { core } = client(
    new Response("boom", { status: 500, headers: { "content-type": "text/plain" } }),
    json(429, { detail: "slow down" }),
    new Response("<html></html>", { status: 200, headers: { "content-type": "text/html; charset=utf-8" } }),
    json(200, CUSTOMER_WIRE),
    new Response(long, { status: 503 }),
    json(401, { error: "Unauthorized", detail: "Unauthorized" }),
  );
  const messages: string[] = [];
  for (let i = 0; i < 6; i++) {
    const res = i === 3 ? await customersCreate(core, { email: "a@b.co" }) : await customersGet(core, { id: "x" });
    assert.ok(res.error instanceof SDKError, `case ${i}: ${res.error}`);
    assert.ok(res.error instanceof PolarError);
    messages.push(res.error.message);
  }
  assert.equal(messages[0], "API error occurred: Status 500 Content-Type text/plain. Body: boom");
  assert.equal(messages[1], 'API error occurred: Status 429. Body: {"detail":"slow down"}');
  assert.equal(messages[2], 'Unexpected Status or Content-Type: Status 200 Content-Type "text/html; charset=utf-8". Body: <html></html>');
  assert.match(messages[3]!, /^Unexpected Status or Content-Type: Status 200\nBody: \{"id"/);
  assert.equal(messages[4], `API error occurred: Status 503 Content-Type text/plain;charset=UTF-8\nBody: ${long}`);
  assert.match(messages[5]!, /^API error occurred: Status 401/);
});

test("$inspect exposes the request and response; the promise is tagged APIPromise", async () => {
  const { core } = client(json(200, CUSTOMER_WIRE));
  const p = customersGet(core, { id: "abc" });
  assert.equal(Object.prototype.toString.call(p), "[object APIPromise]");
  const [res, call] = await p.$inspect();
  assert.ok(res.ok);
  assert.equal(call.status, "complete");
  assert.equal(call.request!.url, "http://api.test/v1/customers/abc");
  assert.equal(call.response!.status, 200);
  assert.deepEqual(Object.keys(res), ["ok", "value"]);
});
