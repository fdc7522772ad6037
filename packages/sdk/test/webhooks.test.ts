// `@polar-customers/sdk/webhooks` against the official `@polar-sh/sdk/webhooks` (0.49.0) as the
// oracle: deliveries are signed with the `standardwebhooks` package or the way Polar's server
// signs them, then handed to both implementations.
import assert from "node:assert/strict";
import { createHash, createHmac } from "node:crypto";
import { test } from "node:test";
import fc from "fast-check";
import * as official from "polar-sdk-049/webhooks.js";
import { Webhook } from "standardwebhooks";
import { validateEvent, WebhookVerificationError } from "@polar-customers/sdk/webhooks";
import { SDKValidationError } from "@polar-customers/sdk/models/errors/sdkvalidationerror.js";
import { hmacSha256, sha256 } from "../src/lib/hmac.js";
import { CUSTOMER_WIRE } from "./support/mock.js";
import { loadOpenAPI, random, sample } from "./support/openapi-sample.js";

const { schemas, webhooks } = loadOpenAPI();
const SECRET = "whsec_ovyN6cPrTv56AApvzCaJno08SSmGJmgbWilb33N2JuK";
const CUSTOMER_TYPES = ["customer.created", "customer.updated", "customer.deleted", "customer.state_changed"];
// Every type the official 0.49.0 decodes; the OpenAPI document lists a few newer ones it does not.
const OFFICIAL_TYPES = [...webhooks.keys()].filter((t) => !/^discount\.|^subscription\.(cycled|paused|resumed)$/.test(t));

type Headers = Record<string, string>;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Signs as Polar does: the standardwebhooks library, given the secret's UTF-8 bytes base64-encoded. */
function signed(body: string, secret = SECRET, id = "msg_2Lk", seconds = nowSeconds()): Headers {
  const signature = new Webhook(Buffer.from(secret, "utf8").toString("base64")).sign(id, new Date(seconds * 1000), body);
  return { "webhook-id": id, "webhook-timestamp": String(seconds), "webhook-signature": signature };
}

type Outcome = { ok: true; value: unknown } | { ok: false; kind: "verification" | "validation" | "other"; message: string; error: unknown };

function outcome(run: () => unknown, verificationError: abstract new (...args: never[]) => Error): Outcome {
  try {
    return { ok: true, value: run() };
  } catch (error: any) {
    // SDKValidationError's instanceof accepts either SDK's class (it checks the shape).
    const kind = error instanceof verificationError ? "verification" : error instanceof SDKValidationError ? "validation" : "other";
    return { ok: false, kind, message: String(error?.message), error };
  }
}

const ours = (body: string | Uint8Array, headers: Headers, secret = SECRET) =>
  outcome(() => validateEvent(body, headers, secret), WebhookVerificationError);
const theirs = (body: string | Uint8Array, headers: Headers, secret = SECRET) =>
  outcome(() => official.validateEvent(body as string, headers, secret), official.WebhookVerificationError);

/** Every field the official SDK returns is in ours with the same value (ours may keep more). */
function assertCovers(actual: unknown, expected: unknown, path = "$"): void {
  if (expected instanceof Date) {
    assert.ok(actual instanceof Date, `${path}: a Date`);
    assert.equal(actual.getTime(), expected.getTime(), path);
  } else if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual) && actual.length === expected.length, `${path}: an array of ${expected.length}`);
    expected.forEach((item, i) => assertCovers(actual[i], item, `${path}[${i}]`));
  } else if (typeof expected === "object" && expected !== null) {
    assert.ok(typeof actual === "object" && actual !== null && !Array.isArray(actual), `${path}: an object`);
    for (const [key, value] of Object.entries(expected)) {
      assert.ok(key in actual, `${path}.${key} is missing`);
      assertCovers((actual as any)[key], value, `${path}.${key}`);
    }
  } else {
    assert.equal(actual, expected, path);
  }
}

/**
 * The one documented difference in customer events: the official SDK picks a grant's `properties`
 * variant by counting filled-in values, so `{ files: [] }` comes out as `{}`; ours keeps the list.
 */
function withoutEmptyGrantLists(event: any): unknown {
  for (const grant of event?.data?.grantedBenefits ?? []) {
    for (const [key, value] of Object.entries(grant.properties))
      if (Array.isArray(value) && value.length === 0) delete grant.properties[key];
  }
  return event;
}

const payloadOf = (type: string, seed: number) => sample(schemas, webhooks.get(type)!, random(seed));
const customerEvent = (type = "customer.created", data: object = CUSTOMER_WIRE) =>
  JSON.stringify({ type, timestamp: "2026-08-22T10:00:00.123456Z", data });

test("SHA-256 and HMAC-SHA256 agree with node:crypto", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 200 }), (data, key) => {
      assert.equal(Buffer.from(sha256(data)).toString("hex"), createHash("sha256").update(data).digest("hex"));
      assert.equal(Buffer.from(hmacSha256(key, data)).toString("hex"), createHmac("sha256", key).update(data).digest("hex"));
    }),
    { numRuns: 300 },
  );
  // Lengths around the 56-byte padding boundary and several blocks.
  for (const n of [0, 55, 56, 63, 64, 65, 119, 120, 1000, 100_000]) {
    const data = new Uint8Array(n).map((_, i) => (i * 31) & 255);
    assert.equal(Buffer.from(sha256(data)).toString("hex"), createHash("sha256").update(data).digest("hex"), `length ${n}`);
  }
});

test("customer events: accepted and decoded exactly as the official SDK decodes them", () => {
  let compared = 0;
  fc.assert(
    fc.property(fc.constantFrom(...CUSTOMER_TYPES), fc.nat(), (type, seed) => {
      const body = JSON.stringify(payloadOf(type, seed));
      const headers = signed(body);
      const expected = theirs(body, headers);
      const actual = ours(body, headers);
      if (expected.ok) {
        assert.ok(actual.ok, `ours rejected what the official accepts: ${!actual.ok && actual.message}`);
        assert.deepStrictEqual(withoutEmptyGrantLists(actual.value), expected.value);
        compared++;
      } else {
        assert.equal(expected.kind, "validation");
        assert.ok(!actual.ok && actual.kind === "validation", "ours accepted what the official rejects");
      }
    }),
    { numRuns: 400 },
  );
  assert.ok(compared > 100, `enough accepted samples (${compared})`);
  const event = validateEvent(customerEvent(), signed(customerEvent()), SECRET);
  assert.equal(event.type, "customer.created");
  assert.ok(event.timestamp instanceof Date && event.data.createdAt instanceof Date);
});

test("other event types: every field the official SDK returns is there with the same value", () => {
  const compared = new Map<string, number>();
  fc.assert(
    fc.property(fc.constantFrom(...OFFICIAL_TYPES.filter((t) => !CUSTOMER_TYPES.includes(t))), fc.nat(), (type, seed) => {
      const body = JSON.stringify(payloadOf(type, seed));
      const headers = signed(body);
      const expected = theirs(body, headers);
      // Payloads the 2026-04 document allows but 0.49.0's models reject say nothing about us.
      if (!expected.ok) return;
      const actual = ours(body, headers);
      assert.ok(actual.ok, `${type} seed ${seed}: ${!actual.ok && actual.message}`);
      assertCovers(actual.value, expected.value);
      compared.set(type, (compared.get(type) ?? 0) + 1);
    }),
    { numRuns: 1500 },
  );
  assert.equal(compared.size, OFFICIAL_TYPES.length - CUSTOMER_TYPES.length, "every type compared at least once");
});

test("generic decoding keeps user-chosen keys, converts only date-time fields, and never sets a prototype", () => {
  const data = {
    id: "s1",
    created_at: "2026-08-22T10:00:00Z",
    current_period_end: "2026-09-22T10:00:00+02:00",
    canceled_at: null,
    metadata: { user_id: "u_1", "2fa_on": true },
    custom_field_data: { birth_date: "2026-08-22T10:00:00Z" },
    customer: { external_id: "e_1", deleted_at: null, metadata: { seat_count: 3 } },
    prices: [{ price_amount: 900, created_at: "2026-08-22T10:00:00Z" }],
    error: { message: "m", timestamp: "2026-08-22T10:00:00Z" },
    last_credited_at: "2026-08-22T10:00:00Z",
  };
  const body = JSON.stringify({ type: "subscription.created", timestamp: "2026-08-22T10:00:00Z", data });
  // A "__proto__" key can only come from the JSON text (JSON.parse makes it an own property).
  const withProto = body.replace('"last_credited_at"', '"__proto__":{"polluted":true},"last_credited_at"');
  const event = validateEvent(withProto, signed(withProto), SECRET);
  assert.equal(event.type, "subscription.created");
  const out = event.data;
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.equal("polluted" in out, false);
  assert.deepStrictEqual(out, {
    id: "s1",
    createdAt: new Date("2026-08-22T10:00:00Z"),
    currentPeriodEnd: new Date("2026-09-22T08:00:00Z"),
    canceledAt: null,
    metadata: { user_id: "u_1", "2fa_on": true },
    customFieldData: { birth_date: "2026-08-22T10:00:00Z" },
    customer: { externalId: "e_1", deletedAt: null, metadata: { seat_count: 3 } },
    prices: [{ priceAmount: 900, createdAt: new Date("2026-08-22T10:00:00Z") }],
    error: { message: "m", timestamp: "2026-08-22T10:00:00Z" },
    lastCreditedAt: "2026-08-22T10:00:00Z",
  });
  const badDate = JSON.stringify({ type: "order.paid", timestamp: "2026-08-22T10:00:00Z", data: { created_at: "yesterday" } });
  const failed = ours(badDate, signed(badDate));
  assert.ok(!failed.ok && failed.kind === "validation" && failed.message.includes('"created_at"'));
});

test("a delivery signed the way Polar's server signs it (HMAC keyed with the secret's UTF-8 bytes) is accepted by both", () => {
  fc.assert(
    fc.property(
      fc.string({ unit: "binary", minLength: 1, maxLength: 60 }),
      fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 30 }),
      (secret, id) => {
        const body = customerEvent();
        const seconds = nowSeconds();
        const mac = createHmac("sha256", Buffer.from(secret, "utf8")).update(`${id}.${seconds}.${body}`).digest("base64");
        const headers = { "webhook-id": id, "webhook-timestamp": String(seconds), "webhook-signature": `v1,${mac}` };
        const expected = theirs(body, headers, secret);
        const actual = ours(body, headers, secret);
        assert.ok(expected.ok, String(!expected.ok && expected.message));
        assert.ok(actual.ok, String(!actual.ok && actual.message));
        assert.deepStrictEqual(actual.value, expected.value);
      },
    ),
    { numRuns: 200 },
  );
});

const MUTATIONS: Record<string, (body: string, headers: Headers) => [string, Headers, string?]> = {
  "tampered body": (b, h) => [b.replace("jane", "jann"), h],
  "wrong secret": (b, h) => [b, h, SECRET + "x"],
  "secret without its prefix": (b, h) => [b, h, SECRET.slice(6)],
  "flipped signature": (b, h) => [
    b,
    { ...h, "webhook-signature": h["webhook-signature"]!.replace(/v1,(.)/, (_, c) => `v1,${c === "A" ? "B" : "A"}`) },
  ],
  "signature of another id": (b, h) => [b, { ...h, "webhook-id": "msg_other" }],
  "missing webhook-id": (b, { "webhook-id": _, ...h }) => [b, h],
  "missing webhook-timestamp": (b, { "webhook-timestamp": _, ...h }) => [b, h],
  "missing webhook-signature": (b, { "webhook-signature": _, ...h }) => [b, h],
  "empty webhook-signature": (b, h) => [b, { ...h, "webhook-signature": "" }],
  "non-numeric timestamp": (b, h) => [b, { ...h, "webhook-timestamp": "soon" }],
  "other version": (b, h) => [b, { ...h, "webhook-signature": h["webhook-signature"]!.replace("v1,", "v2,") }],
  "signature without version": (b, h) => [b, { ...h, "webhook-signature": h["webhook-signature"]!.slice(3) }],
};

test("both reject the same forged or broken deliveries with the same message", () => {
  const body = customerEvent();
  for (const [name, mutate] of Object.entries(MUTATIONS)) {
    const [b, h, secret] = mutate(body, signed(body));
    const expected = theirs(b, h, secret);
    const actual = ours(b, h, secret);
    assert.ok(!expected.ok && expected.kind === "verification", `${name}: the official rejects it`);
    assert.ok(!actual.ok && actual.kind === "verification", `${name}: ours rejects it`);
    assert.equal(actual.message, expected.message, name);
  }
});

test("timestamps: five minutes of tolerance each way, signed afresh; outside it both reject", () => {
  const body = customerEvent();
  fc.assert(
    fc.property(fc.integer({ min: -100_000_000, max: 100_000_000 }), (offset) => {
      // Two seconds of margin around ±300 s: the two calls may fall on different clock seconds.
      fc.pre(Math.abs(Math.abs(offset) - 300) > 2);
      const headers = signed(body, SECRET, "msg_1", nowSeconds() + offset);
      const expected = theirs(body, headers);
      const actual = ours(body, headers);
      assert.equal(actual.ok, expected.ok);
      assert.equal(actual.ok, Math.abs(offset) < 300);
      if (!actual.ok && !expected.ok) assert.equal(actual.message, expected.message);
    }),
    { numRuns: 200 },
  );
  // The header is read like parseInt: leading digits count, and they are what was signed.
  const seconds = nowSeconds();
  const headers = { ...signed(body, SECRET, "msg_1", seconds), "webhook-timestamp": `${seconds}.75xyz` };
  assert.ok(theirs(body, headers).ok && ours(body, headers).ok);
});

test("any v1 signature among several may match; header names are case-insensitive", () => {
  const body = customerEvent();
  const h = signed(body);
  const good = h["webhook-signature"]!;
  const cases: Headers[] = [
    { ...h, "webhook-signature": `v1,bm9wZQ== ${good}` },
    { ...h, "webhook-signature": `v2,${good.slice(3)} ${good} v1a,x` },
    { "Webhook-Id": h["webhook-id"]!, "WEBHOOK-TIMESTAMP": h["webhook-timestamp"]!, "Webhook-Signature": good },
    { ...h, "webhook-signature": `${good},extra` },
  ];
  for (const headers of cases) {
    assert.ok(theirs(body, headers).ok, JSON.stringify(headers));
    assert.ok(ours(body, headers).ok, JSON.stringify(headers));
  }
  const twoSpellings = { ...h, "Webhook-Signature": "v1,bm9wZQ==" };
  assert.equal(ours(body, twoSpellings).ok, theirs(body, twoSpellings).ok);
});

test("raw bytes are verified like the official verifies a Buffer, invalid UTF-8 and BOM included", () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
      const buffer = Buffer.from(bytes);
      const signature = new Webhook(Buffer.from(SECRET).toString("base64")).sign("m", new Date(), buffer);
      const headers = { "webhook-id": "m", "webhook-timestamp": String(nowSeconds()), "webhook-signature": signature };
      const expected = theirs(buffer as unknown as string, headers);
      const actual = ours(buffer, headers);
      // The bytes are rarely an event: what matters is that the signature check agrees.
      assert.equal(actual.ok || actual.kind !== "verification", expected.ok || expected.kind !== "verification");
      assert.notEqual(actual.ok || actual.kind, "verification");
    }),
    { numRuns: 300 },
  );
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(customerEvent())]);
  // Signed with the BOM, so both must keep it to verify; then JSON.parse refuses it.
  const headers = signed(bom.toString());
  const expected = theirs(bom as unknown as string, headers);
  const actual = ours(bom, headers);
  assert.ok(!expected.ok && expected.kind === "other" && expected.error instanceof SyntaxError);
  assert.ok(!actual.ok && actual.kind === "validation");
  // A plain Uint8Array (an edge runtime's body) works too; the official accepts only a Buffer.
  const body = customerEvent();
  assert.ok(ours(new TextEncoder().encode(body), signed(body)).ok);
});

test("authentic deliveries that are not events this SDK reads: SDKValidationError, like the official", () => {
  const bodies = [
    JSON.stringify({ type: "discount.created", timestamp: "2026-08-22T10:00:00Z", data: {} }),
    JSON.stringify({ type: "subscription.cycled", timestamp: "2026-08-22T10:00:00Z", data: {} }),
    JSON.stringify({ type: "toString", timestamp: "2026-08-22T10:00:00Z", data: {} }),
    JSON.stringify({ timestamp: "2026-08-22T10:00:00Z", data: {} }),
    JSON.stringify([1]),
    "42",
    customerEvent("customer.created", { ...CUSTOMER_WIRE, created_at: "2026-08-22 10:00" }),
    customerEvent("customer.updated", { ...CUSTOMER_WIRE, type: "robot" }),
    JSON.stringify({ type: "customer.deleted", timestamp: "2026-08-22T10:00:00", data: CUSTOMER_WIRE }),
    JSON.stringify({ type: "order.paid", timestamp: "2026-08-22T10:00:00Z", data: "nope" }),
  ];
  for (const body of bodies) {
    const headers = signed(body);
    const expected = theirs(body, headers);
    const actual = ours(body, headers);
    assert.ok(!expected.ok && expected.kind === "validation", `the official rejects ${body.slice(0, 60)}`);
    assert.ok(!actual.ok && actual.kind === "validation", `ours rejects ${body.slice(0, 60)}`);
    assert.ok(actual.error instanceof SDKValidationError && actual.message.startsWith("Failed to parse event: "));
    if (/Unknown event type/.test(expected.message)) assert.equal(actual.message, expected.message);
  }
  // Deliberate difference: a body that is not JSON is an SDKValidationError, not a raw SyntaxError.
  for (const body of ["{not json", ""]) {
    const headers = signed(body);
    const expected = theirs(body, headers);
    assert.ok(!expected.ok && expected.kind !== "verification");
    const actual = ours(body, headers);
    assert.ok(!actual.ok && actual.kind === "validation" && (actual.error as SDKValidationError).rawValue === body);
  }
});

test("an empty secret is a configuration error, not a verification failure, for both", () => {
  const body = customerEvent();
  const expected = theirs(body, signed(body), "");
  const actual = ours(body, signed(body), "");
  assert.ok(!expected.ok && expected.kind === "other" && !actual.ok && actual.kind === "other");
  assert.equal(actual.message, expected.message);
});

test("WebhookVerificationError is an Error with the reason as its message", () => {
  const body = customerEvent();
  const failed = ours(body, { ...signed(body), "webhook-signature": "v1,bm9wZQ==" });
  assert.ok(!failed.ok);
  const error = failed.error as WebhookVerificationError;
  assert.ok(error instanceof Error && error instanceof WebhookVerificationError);
  assert.equal(error.message, "No matching signature found");
  assert.equal(error.name, "WebhookVerificationError");
});
