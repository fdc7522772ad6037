// Fixtures shared by the catalog modules' HTTP cases (meters, benefits,
// products): organizations whose tokens carry the catalog scopes, and
// builders that create objects over HTTP and fail loudly if they cannot.

import assert from "node:assert/strict";
import fc from "fast-check";
import type { Credentials, Reply, TestServer } from "./server.js";

export const CATALOG_SCOPES = ["meters:read", "meters:write", "benefits:read", "benefits:write", "products:read", "products:write"];

export const catalogOrg = (server: TestServer): Promise<Credentials> => server.newOrganization(CATALOG_SCOPES);

export const COUNT_FILTER = { conjunction: "and", clauses: [{ property: "name", operator: "eq", value: "api_call" }] };

async function created(reply: Reply, what: string): Promise<any> {
  assert.equal(reply.status, 201, `${what}: ${reply.text}`);
  // Timestamps have millisecond precision and ties sort by the random id, so
  // the next object is created only once the clock has moved on: cases that
  // expect creation order then hold on a fast machine too.
  const createdAt = Date.parse(reply.body.created_at);
  while (Date.now() <= createdAt) await new Promise((resolve) => setTimeout(resolve, 1));
  return reply.body;
}

export const createMeter = async (server: TestServer, token: string, body: Record<string, unknown> = {}) =>
  created(
    await server.request("POST", "/v1/meters/", {
      token,
      body: { name: "API calls", filter: COUNT_FILTER, aggregation: { func: "count" }, ...body },
    }),
    "meter",
  );

export const createBenefit = async (server: TestServer, token: string, body: Record<string, unknown> = {}) =>
  created(
    await server.request("POST", "/v1/benefits/", { token, body: { type: "custom", description: "Support", properties: {}, ...body } }),
    "benefit",
  );

export const createProduct = async (server: TestServer, token: string, body: Record<string, unknown> = {}) =>
  created(
    await server.request("POST", "/v1/products/", {
      token,
      body: { name: "Pro plan", recurring_interval: "month", prices: [{ amount_type: "fixed", price_amount: 0 }], ...body },
    }),
    "product",
  );

export const INSUFFICIENT_SCOPE = {
  error: "insufficient_scope",
  error_description: "The request requires higher privileges than provided by the access token.",
};
export const NOT_FOUND = { error: "ResourceNotFound", detail: "Not found" };
export const NOT_PERMITTED = { error: "NotPermitted", detail: "You don't have permission to manage products" };
export const MISSING_ID = "3f1c2a5e-8b7d-4e6f-9a0b-1c2d3e4f5a6b";

/** Polar's 422 for a business rule: one item `{type, loc, msg, input}`. */
export const business = (...detail: { type: string; loc: (string | number)[]; msg: string; input: unknown }[]) => ({
  error: "PolarRequestValidationError",
  detail,
});
export const valueError = (loc: (string | number)[], msg: string, input: unknown) => ({ type: "value_error", loc, msg, input });

// ---------------------------------------------------------------------------------------------
// Property tests: random bodies and queries thrown at endpoints must never get a 5xx, and every
// error answer has one of Polar's shapes.

const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 100);
export const fuzzParams = (): fc.Parameters<unknown> => ({
  numRuns: FUZZ_RUNS,
  ...(process.env.FUZZ_SEED ? { seed: Number(process.env.FUZZ_SEED) } : {}),
});

const STATUSES = new Set([200, 201, 204, 401, 403, 404, 405, 422]);

export function assertDocumentedReply(what: string, reply: Reply): void {
  const where = `${what} -> ${reply.status} ${reply.text.slice(0, 600)}`;
  assert.ok(reply.status < 500, `server error: ${where}`);
  assert.ok(STATUSES.has(reply.status), `undocumented status: ${where}`);
  if (reply.status === 204) return assert.equal(reply.text, "", where);
  assert.ok(reply.body !== null && typeof reply.body === "object", `not a JSON object: ${where}`);
  if (reply.status === 422) {
    assert.ok(["RequestValidationError", "PolarRequestValidationError"].includes(reply.body.error), where);
    assert.ok(Array.isArray(reply.body.detail) && reply.body.detail.length > 0, where);
    for (const item of reply.body.detail) {
      assert.equal(typeof item.type, "string", where);
      assert.equal(typeof item.msg, "string", where);
      assert.ok("input" in item, where);
      assert.ok(["body", "query", "path"].includes(item.loc[0]), where);
      if (reply.body.error === "PolarRequestValidationError")
        assert.deepEqual(Object.keys(item).sort(), ["input", "loc", "msg", "type"], where);
    }
  } else if (reply.status === 404) {
    assert.deepEqual(reply.body, NOT_FOUND, where);
  } else if (reply.status === 403) {
    assert.ok(reply.body.error === "insufficient_scope" || reply.body.error === "NotPermitted", where);
  }
}

const text = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom("", " ", "\u0000", "a\u0000b", "null", "0", "-1", "é", "😀", "%", "_", "\\", "metadata."),
);
const uuid = fc.oneof(fc.uuid(), fc.uuid({ version: 4 }), fc.constant(MISSING_ID));

/** Any JSON value, with the strings, numbers and ids most likely to find edge cases. */
export const jsonish: fc.Arbitrary<unknown> = fc.oneof(
  text,
  uuid,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(1e308, -1, 0, 2147483648, Number.MAX_SAFE_INTEGER + 1, "1e400", "0.5", "0.0000000000001", "123456789012345678"),
  fc.jsonValue({ maxDepth: 3 }),
);

/** Random query strings built from the endpoint's own parameter names. */
export const queryString = (names: readonly string[]) =>
  fc
    .array(
      fc.tuple(
        fc.constantFrom(...names, "page", "limit", "sorting", "metadata[x]"),
        fc.oneof(text, uuid, fc.constantFrom("true", "false", "1", "-name", "name", "created_at", "0", "101")),
      ),
      { maxLength: 6 },
    )
    .map((pairs) =>
      pairs.map(([k, v]) => `${encodeURIComponent(k).replace("%5B", "[").replace("%5D", "]")}=${encodeURIComponent(v)}`).join("&"),
    );
