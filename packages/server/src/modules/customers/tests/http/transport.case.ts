// Transport conventions: versioning, caching, body framing,
// slash redirects, 404/405 fallbacks, the legacy root, precedence between
// failures, and the OpenAPI document / docs page.

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { unique } from "../../../../../test/support/server.js";
import { rawRequest } from "../../../../../test/support/rawHttp.js";
import type { GetServer } from "../../../../../test/support/contract.js";

const ROUTE_NOT_FOUND = { detail: "Not Found" };
const METHOD_NOT_ALLOWED = { detail: "Method Not Allowed" };
const LENGTH_REQUIRED = { error: "LengthRequired", detail: "A Content-Length header is required." };
const TOO_LARGE = { error: "RequestBodyTooLarge", detail: "Request body exceeded the maximum allowed size of 10485760 bytes." };
const RESOURCE_NOT_FOUND = { error: "ResourceNotFound", detail: "Not found" };
const UNAUTHORIZED = { error: "Unauthorized", detail: "Unauthorized" };
const INVALID_TOKEN = {
  error: "invalid_token",
  error_description: "The access token provided is expired, revoked, malformed, or invalid for other reasons.",
};
const INSUFFICIENT_SCOPE = {
  error: "insufficient_scope",
  error_description: "The request requires higher privileges than provided by the access token.",
};
const DEPRECATION_NOTICE = "The API root has moved from /api/v1 to /v1. Please update your integration.";
const MAX_BODY = 10_485_760;

const OPERATIONS: [string, string, string, string | null][] = [
  ["/v1/customers/", "get", "customers:list", null],
  ["/v1/customers/", "post", "customers:create", "CustomerCreate"],
  ["/v1/customers/{id}", "get", "customers:get", null],
  ["/v1/customers/{id}", "patch", "customers:update", "CustomerUpdate"],
  ["/v1/customers/{id}", "delete", "customers:delete", null],
  ["/v1/customers/external/{external_id}", "get", "customers:get_external", null],
  ["/v1/customers/external/{external_id}", "patch", "customers:update_external", "CustomerUpdateExternalID"],
  ["/v1/customers/external/{external_id}", "delete", "customers:delete_external", null],
  ["/v1/customers/{id}/state", "get", "customers:get_state", null],
  ["/v1/customers/external/{external_id}/state", "get", "customers:get_state_external", null],
];

export function transportCases(get: GetServer): void {
  describe("transport: Polar-Version", () => {
    it("defaults to 2026-04 and echoes it on every kind of response", async () => {
      const server = get();
      const customer = await server.createCustomer();
      const replies = [
        await server.request("GET", "/v1/customers/"),
        await server.request("GET", `/v1/customers/${customer.id}`),
        await server.request("GET", `/v1/customers/${randomUUID()}`),
        await server.request("GET", "/v1/customers/", { token: null }),
        await server.request("GET", "/v1/customers/", { token: "polar_oat_nope" }),
        await server.request("GET", "/v1/nowhere"),
        await server.request("PUT", "/v1/customers/", { body: {} }),
        await server.request("GET", "/v1/customers"),
        await server.request("POST", "/v1/customers/", { body: { email: 1 } }),
        await server.request("GET", "/openapi.json", { token: null }),
      ];
      assert.deepEqual(
        replies.map((r) => r.status),
        [200, 200, 404, 401, 401, 404, 405, 307, 422, 200],
      );
      for (const reply of replies) assert.equal(reply.headers.get("polar-version"), "2026-04");
    });

    for (const version of ["2026-04", "2026-10", "2027-01"]) {
      it(`accepts Polar-Version ${version} and echoes it`, async () => {
        const server = get();
        const created = await server.request("POST", "/v1/customers/", {
          body: { email: `${unique("v")}@example.com` },
          headers: { "polar-version": version },
        });
        assert.equal(created.status, 201, created.text);
        assert.equal(created.headers.get("polar-version"), version);
        const fetched = await server.request("GET", `/v1/customers/${created.body.id}`, { headers: { "polar-version": version } });
        assert.equal(fetched.status, 200);
        assert.equal(fetched.headers.get("polar-version"), version);
        assert.deepEqual(fetched.body, created.body);
        const failed = await server.request("GET", "/v1/customers/", { token: null, headers: { "polar-version": version } });
        assert.equal(failed.status, 401);
        assert.equal(failed.headers.get("polar-version"), version);
      });
    }

    it("answers 404 {detail: Not Found} without a Polar-Version header for unknown or malformed versions, on any path", async () => {
      const server = get();
      const customer = await server.createCustomer();
      for (const version of ["2025-01", "2026-07", "2026-4", "2026-04-01", "latest", "v1", "2026/04"]) {
        for (const [method, path, body] of [
          ["GET", "/v1/customers/", undefined],
          ["GET", `/v1/customers/${customer.id}`, undefined],
          ["POST", "/v1/customers/", { email: `${unique("v")}@example.com` }],
          ["DELETE", `/v1/customers/${customer.id}`, undefined],
          ["GET", "/v1/nowhere", undefined],
          ["GET", "/openapi.json", undefined],
          ["GET", "/docs", undefined],
        ] as const) {
          const reply = await server.request(method, path, { body, headers: { "polar-version": version } });
          assert.equal(reply.status, 404, `${version} ${method} ${path}`);
          assert.deepEqual(reply.body, ROUTE_NOT_FOUND);
          assert.equal(reply.headers.get("polar-version"), null);
        }
      }
      // Nothing above took effect.
      const still = await server.request("GET", `/v1/customers/${customer.id}`);
      assert.equal(still.status, 200);
      const list = await server.request("GET", `/v1/customers/?email=${encodeURIComponent(customer.email)}`);
      assert.equal(list.body.pagination.total_count, 1);
    });
  });

  describe("transport: headers and framing", () => {
    it("sends Cache-Control: private, no-store unless the response set its own", async () => {
      const server = get();
      for (const reply of [
        await server.request("GET", "/v1/customers/"),
        await server.request("GET", `/v1/customers/${randomUUID()}`),
        await server.request("GET", "/v1/nowhere"),
        await server.request("GET", "/v1/customers/", { token: null }),
        await server.request("GET", "/openapi.json", { token: null }),
      ]) {
        assert.equal(reply.headers.get("cache-control"), "private, no-store");
      }
      const invalid = await server.request("GET", "/v1/customers/", { token: "polar_oat_nope" });
      assert.equal(invalid.headers.get("cache-control"), "no-store");
    });

    it("answers compact UTF-8 JSON", async () => {
      const server = get();
      const customer = await server.createCustomer({ name: "Zoë Ørsted" });
      const reply = await server.request("GET", `/v1/customers/${customer.id}`);
      assert.match(reply.headers.get("content-type") ?? "", /^application\/json/);
      assert.equal(reply.text, JSON.stringify(reply.body));
      assert.ok(reply.text.includes('"name":"Zoë Ørsted"'));
    });

    for (const method of ["POST", "PATCH", "PUT"]) {
      it(`answers 411 to a chunked ${method} without Content-Length`, async () => {
        const server = get();
        const customer = await server.createCustomer();
        const path = method === "POST" ? "/v1/customers/" : `/v1/customers/${customer.id}`;
        const json = JSON.stringify(method === "POST" ? { email: `${unique("len")}@example.com` } : { name: "Changed" });
        const reply = await rawRequest(
          server.url,
          [
            `${method} ${path} HTTP/1.1`,
            `Authorization: Bearer ${server.org.token}`,
            "Content-Type: application/json",
            "Transfer-Encoding: chunked",
          ],
          `${json.length.toString(16)}\r\n${json}\r\n0\r\n\r\n`,
        );
        assert.equal(reply.status, 411);
        assert.deepEqual(reply.body, LENGTH_REQUIRED);
        assert.equal(reply.headers["polar-version"], "2026-04");
        const after = await server.request("GET", `/v1/customers/${customer.id}`);
        assert.equal(after.body.name, null);
      });
    }

    it("answers 411 to a POST with no body and no Content-Length, but accepts a GET without one", async () => {
      const server = get();
      const post = await rawRequest(server.url, [
        "POST /v1/customers/ HTTP/1.1",
        `Authorization: Bearer ${server.org.token}`,
        "Connection: close",
      ]);
      assert.equal(post.status, 411);
      assert.deepEqual(post.body, LENGTH_REQUIRED);
      const list = await rawRequest(server.url, [
        "GET /v1/customers/?limit=1 HTTP/1.1",
        `Authorization: Bearer ${server.org.token}`,
        "Connection: close",
      ]);
      assert.equal(list.status, 200);
      assert.equal(list.body.items.length, 1);
    });

    it("answers 413 when Content-Length exceeds 10485760 bytes, without reading the body", async () => {
      const server = get();
      const customer = await server.createCustomer();
      for (const [method, path] of [
        ["POST", "/v1/customers/"],
        ["PATCH", `/v1/customers/${customer.id}`],
        ["PATCH", "/v1/customers/external/whatever"],
      ]) {
        const reply = await rawRequest(server.url, [
          `${method} ${path} HTTP/1.1`,
          `Authorization: Bearer ${server.org.token}`,
          "Content-Type: application/json",
          `Content-Length: ${MAX_BODY + 1}`,
        ]);
        assert.equal(reply.status, 413, `${method} ${path}`);
        assert.deepEqual(reply.body, TOO_LARGE);
      }
    });

    it("accepts a body of exactly 10485760 bytes", async () => {
      const server = get();
      const email = `${unique("big")}@example.com`;
      const json = JSON.stringify({ email });
      const body = json + " ".repeat(MAX_BODY - json.length);
      const reply = await server.request("POST", "/v1/customers/", { raw: body, headers: { "content-type": "application/json" } });
      assert.equal(reply.status, 201, reply.text.slice(0, 300));
      assert.equal(reply.body.email, email);
    });
  });

  describe("transport: routing", () => {
    it("redirects /v1/customers to /v1/customers/ with 307, an absolute Location and the query kept", async () => {
      const server = get();
      const query = "?email=a%40example.com&limit=5&sorting=-name";
      for (const method of ["GET", "POST"]) {
        const reply = await server.request(method, `/v1/customers${query}`, method === "POST" ? { body: { email: "x@example.com" } } : {});
        assert.equal(reply.status, 307, method);
        assert.equal(reply.headers.get("location"), `${server.url}/v1/customers/${query}`);
      }
      const bare = await server.request("GET", "/v1/customers", { token: null });
      assert.equal(bare.status, 307);
      assert.equal(bare.headers.get("location"), `${server.url}/v1/customers/`);
    });

    it("redirects /v1/customers/{id}/ and the other slash forms to the slash-less path", async () => {
      const server = get();
      const customer = await server.createCustomer({ external_id: unique("ext_") });
      for (const path of [
        `/v1/customers/${customer.id}`,
        `/v1/customers/${customer.id}/state`,
        `/v1/customers/external/${customer.external_id}`,
        `/v1/customers/external/${customer.external_id}/state`,
      ]) {
        const reply = await server.request("GET", `${path}/?x=1`);
        assert.equal(reply.status, 307, path);
        assert.equal(reply.headers.get("location"), `${server.url}${path}?x=1`);
        const followed = await server.request("GET", `${path}?x=1`);
        assert.equal(followed.status, 200);
        assert.equal(followed.body.id, customer.id);
      }
      const patch = await server.request("PATCH", `/v1/customers/${customer.id}/`, { body: { name: "Nope" } });
      assert.equal(patch.status, 307);
      assert.equal(patch.headers.get("location"), `${server.url}/v1/customers/${customer.id}`);
      assert.equal((await server.request("GET", `/v1/customers/${customer.id}`)).body.name, null);
    });

    it("answers 405 for a known path with another method", async () => {
      const server = get();
      const customer = await server.createCustomer({ external_id: unique("ext_") });
      for (const [method, path] of [
        ["PUT", "/v1/customers/"],
        ["DELETE", "/v1/customers/"],
        ["PATCH", "/v1/customers/"],
        ["POST", `/v1/customers/${customer.id}`],
        ["PUT", `/v1/customers/${customer.id}`],
        ["POST", `/v1/customers/${customer.id}/state`],
        ["DELETE", `/v1/customers/${customer.id}/state`],
        ["POST", `/v1/customers/external/${customer.external_id}`],
        ["PATCH", `/v1/customers/external/${customer.external_id}/state`],
        ["POST", "/openapi.json"],
      ]) {
        const reply = await server.request(method, path, { body: {} });
        assert.equal(reply.status, 405, `${method} ${path}`);
        assert.deepEqual(reply.body, METHOD_NOT_ALLOWED);
        const allowed = (reply.headers.get("allow") ?? "").split(", ");
        assert.ok(!allowed.includes(method) && allowed.includes("GET") && allowed.includes("HEAD"), `${method} ${path}: allow ${allowed}`);
      }
      const collection = await server.request("PUT", "/v1/customers/");
      assert.deepEqual(collection.headers.get("allow")?.split(", ").sort(), ["GET", "HEAD", "POST"]);
      assert.equal((await server.request("GET", `/v1/customers/${customer.id}`)).status, 200);
    });

    it("never lets a path parameter match an empty segment", async () => {
      const server = get();
      const slash = await server.request("GET", "/v1/customers/external/", { token: null });
      assert.equal(slash.status, 307);
      assert.equal(slash.headers.get("location"), `${server.url}/v1/customers/external`);
      for (const path of ["/v1/customers//state", "/v1/customers/external//state"]) {
        const reply = await server.request("GET", path, { token: null });
        assert.equal(reply.status, 404, path);
        assert.deepEqual(reply.body, ROUTE_NOT_FOUND);
      }
      const patch = await server.request("PATCH", "/v1/customers/external/", { token: null, body: {} });
      assert.equal(patch.status, 307);
    });

    it("answers 404 {detail: Not Found} for unknown paths", async () => {
      const server = get();
      for (const path of ["/v1", "/v1/", "/v1/customer/", "/v2/customers/", "/v1/customers/a/b/c", "/V1/customers/", "/v1/orders/"]) {
        const reply = await server.request("GET", path);
        assert.equal(reply.status, 404, path);
        assert.deepEqual(reply.body, ROUTE_NOT_FOUND);
        assert.equal(reply.headers.get("polar-version"), "2026-04");
      }
    });

    it("serves the legacy /api/v1/ root with a deprecation notice", async () => {
      const server = get();
      const externalId = unique("ext_");
      const created = await server.request("POST", "/api/v1/customers/", {
        body: { email: `${unique("legacy")}@example.com`, external_id: externalId },
      });
      assert.equal(created.status, 201);
      assert.equal(created.headers.get("x-polar-deprecation-notice"), DEPRECATION_NOTICE);
      for (const path of [`/api/v1/customers/${created.body.id}`, `/api/v1/customers/external/${externalId}`]) {
        const reply = await server.request("GET", path);
        assert.equal(reply.status, 200);
        assert.deepEqual(reply.body, created.body);
        assert.equal(reply.headers.get("x-polar-deprecation-notice"), DEPRECATION_NOTICE);
        assert.equal(reply.headers.get("polar-version"), "2026-04");
      }
      const list = await server.request("GET", `/api/v1/customers/?query=${externalId}`);
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.items, [created.body]);
      const anonymous = await server.request("GET", "/api/v1/customers/", { token: null });
      assert.equal(anonymous.status, 401);
      assert.equal(anonymous.headers.get("x-polar-deprecation-notice"), DEPRECATION_NOTICE);
      const current = await server.request("GET", `/v1/customers/${created.body.id}`);
      assert.equal(current.headers.get("x-polar-deprecation-notice"), null);
    });

    it('treats /v1/customers/external/state as the external id "state"', async () => {
      const server = get();
      const other = await server.newOrganization();
      const missing = await server.request("GET", "/v1/customers/external/state", { token: other.token });
      assert.equal(missing.status, 404);
      assert.deepEqual(missing.body, RESOURCE_NOT_FOUND);
      const customer = await server.createCustomer({ external_id: "state" }, other.token);
      const reply = await server.request("GET", "/v1/customers/external/state", { token: other.token });
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body, customer);
      const state = await server.request("GET", "/v1/customers/external/state/state", { token: other.token });
      assert.equal(state.status, 200);
      assert.deepEqual(state.body, { ...customer, active_subscriptions: [], granted_benefits: [], active_meters: [] });
      const patched = await server.request("PATCH", "/v1/customers/external/state", { token: other.token, body: { name: "State" } });
      assert.equal(patched.status, 200);
      assert.equal(patched.body.id, customer.id);
      assert.equal(patched.body.name, "State");
    });
  });

  describe("transport: precedence (§1)", () => {
    it("a bad Polar-Version beats body framing, bad tokens, routing and auth", async () => {
      const server = get();
      const chunked = await rawRequest(
        server.url,
        ["POST /v1/nowhere HTTP/1.1", "Polar-Version: 1999-01", "Authorization: Bearer polar_oat_nope", "Transfer-Encoding: chunked"],
        "0\r\n\r\n",
      );
      assert.equal(chunked.status, 404);
      assert.deepEqual(chunked.body, ROUTE_NOT_FOUND);
      assert.equal(chunked.headers["polar-version"], undefined);
      const huge = await rawRequest(server.url, [
        "POST /v1/customers/ HTTP/1.1",
        "Polar-Version: 1999-01",
        `Content-Length: ${MAX_BODY + 1}`,
      ]);
      assert.equal(huge.status, 404);
      assert.deepEqual(huge.body, ROUTE_NOT_FOUND);
      const invalid = await server.request("PUT", "/v1/customers/", {
        token: "polar_oat_nope",
        raw: "{",
        headers: { "polar-version": "x" },
      });
      assert.equal(invalid.status, 404);
      assert.deepEqual(invalid.body, ROUTE_NOT_FOUND);
    });

    it("411/413 beat an invalid token, routing and missing auth", async () => {
      const server = get();
      for (const token of ["Bearer polar_oat_nope", null]) {
        const auth = token === null ? [] : [`Authorization: ${token}`];
        const chunked = await rawRequest(server.url, ["POST /v1/nowhere HTTP/1.1", ...auth, "Transfer-Encoding: chunked"], "0\r\n\r\n");
        assert.equal(chunked.status, 411);
        assert.deepEqual(chunked.body, LENGTH_REQUIRED);
        const huge = await rawRequest(server.url, ["PATCH /v1/customers/ HTTP/1.1", ...auth, `Content-Length: ${MAX_BODY + 1}`]);
        assert.equal(huge.status, 413);
        assert.deepEqual(huge.body, TOO_LARGE);
      }
    });

    it("an invalid token (401) beats unknown routes, 405 and redirects", async () => {
      const server = get();
      for (const [method, path] of [
        ["GET", "/v1/nowhere"],
        ["PUT", "/v1/customers/"],
        ["GET", "/v1/customers"],
        ["GET", "/openapi.json"],
      ]) {
        const reply = await server.request(method, path, { token: "polar_oat_nope" });
        assert.equal(reply.status, 401, `${method} ${path}`);
        assert.deepEqual(reply.body, INVALID_TOKEN);
      }
    });

    it("routing (404/405/307) beats missing authentication", async () => {
      const server = get();
      const unknown = await server.request("GET", "/v1/nowhere", { token: null });
      assert.equal(unknown.status, 404);
      assert.deepEqual(unknown.body, ROUTE_NOT_FOUND);
      const wrongMethod = await server.request("PUT", "/v1/customers/", { token: null, body: {} });
      assert.equal(wrongMethod.status, 405);
      assert.deepEqual(wrongMethod.body, METHOD_NOT_ALLOWED);
      const redirect = await server.request("GET", "/v1/customers", { token: null });
      assert.equal(redirect.status, 307);
      const endpoint = await server.request("GET", "/v1/customers/", { token: null });
      assert.equal(endpoint.status, 401);
      assert.deepEqual(endpoint.body, UNAUTHORIZED);
    });

    it("malformed JSON (422) beats missing authentication (401)", async () => {
      const server = get();
      const expected = {
        error: "RequestValidationError",
        detail: [{ type: "json_invalid", loc: ["body", 10], msg: "JSON decode error", input: {}, ctx: { error: "Expecting value" } }],
      };
      for (const [method, path] of [
        ["POST", "/v1/customers/"],
        ["PATCH", `/v1/customers/${randomUUID()}`],
        ["PATCH", "/v1/customers/external/someone"],
      ]) {
        const reply = await server.request(method, path, {
          token: null,
          raw: '{"email": }',
          headers: { "content-type": "application/json" },
        });
        assert.equal(reply.status, 422, `${method} ${path}`);
        assert.deepEqual(reply.body, expected);
      }
    });

    it("a missing scope (403) comes before body validation, and missing auth (401) before both", async () => {
      const server = get();
      const readOnly = await server.newToken(server.org.id, ["customers:read"]);
      const customer = await server.createCustomer();
      for (const [method, path] of [
        ["POST", "/v1/customers/"],
        ["PATCH", `/v1/customers/${customer.id}`],
        ["PATCH", "/v1/customers/not-a-uuid"],
      ]) {
        const forbidden = await server.request(method, path, { token: readOnly, body: { email: 42, metadata: "x" } });
        assert.equal(forbidden.status, 403, `${method} ${path}`);
        assert.deepEqual(forbidden.body, INSUFFICIENT_SCOPE);
        const anonymous = await server.request(method, path, { token: null, body: { email: 42, metadata: "x" } });
        assert.equal(anonymous.status, 401);
        assert.deepEqual(anonymous.body, UNAUTHORIZED);
      }
      const deleted = await server.request("DELETE", "/v1/customers/not-a-uuid?anonymize=maybe", { token: readOnly });
      assert.equal(deleted.status, 403);
    });

    it("query and path validation (422) comes before the lookup (404)", async () => {
      const server = get();
      const reply = await server.request("DELETE", `/v1/customers/${randomUUID()}?anonymize=maybe`);
      assert.equal(reply.status, 422);
      assert.deepEqual(
        reply.body.detail.map((d: { loc: unknown }) => d.loc),
        [["query", "anonymize"]],
      );
    });
  });

  describe("transport: OpenAPI and docs", () => {
    it("serves a self-consistent OpenAPI 3.1 document without authentication", async () => {
      const server = get();
      const reply = await server.request("GET", "/openapi.json", { token: null });
      assert.equal(reply.status, 200);
      assert.match(reply.headers.get("content-type") ?? "", /^application\/json/);
      const doc = reply.body;
      assert.match(doc.openapi, /^3\.1\.\d+$/);
      assert.equal(typeof doc.info.title, "string");
      assert.equal(typeof doc.info.version, "string");

      const seen: string[] = [];
      for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
        // Other modules' operations are checked by their own cases.
        if (!path.startsWith("/v1/customers")) continue;
        for (const [method, op] of Object.entries(methods)) {
          seen.push(op.operationId);
          const expected = OPERATIONS.find(([p, m]) => p === path && m === method);
          assert.ok(expected, `unexpected operation ${method} ${path}`);
          assert.equal(op.operationId, expected[2]);
          assert.equal(op["x-speakeasy-name-override"], expected[2].split(":")[1]);
          assert.equal(op["x-speakeasy-group"], "customers");
          assert.deepEqual(op.security, [{ oidc: [] }, { pat: [] }, { oat: [] }]);
          if (expected[3] === null) assert.equal(op.requestBody, undefined);
          else assert.deepEqual(op.requestBody.content["application/json"].schema, { $ref: `#/components/schemas/${expected[3]}` });
          const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
          const pathParams = (op.parameters ?? [])
            .filter((p: { in: string }) => p.in === "path")
            .map((p: { name: string; required: boolean }) => {
              assert.equal(p.required, true);
              return p.name;
            });
          assert.deepEqual(pathParams, templated, `${method} ${path}`);
          const success = method === "post" ? "201" : method === "delete" ? "204" : "200";
          assert.ok(op.responses[success], `${method} ${path} documents ${success}`);
        }
      }
      assert.deepEqual(seen.sort(), OPERATIONS.map((o) => o[2]).sort());
      const list = doc.paths["/v1/customers/"].get;
      assert.equal(list["x-speakeasy-pagination"].type, "offsetLimit");
      assert.deepEqual(list["x-speakeasy-pagination"].outputs, { results: "$.items", numPages: "$.pagination.max_page" });
      assert.deepEqual(list.parameters.map((p: { name: string }) => p.name).sort(), [
        "active",
        "email",
        "limit",
        "metadata",
        "organization_id",
        "page",
        "query",
        "sorting",
      ]);

      // Request schemas describe the fields the server accepts.
      const schemas = doc.components.schemas;
      for (const name of ["CustomerCreate", "CustomerUpdate", "CustomerUpdateExternalID", "Customer", "CustomerState"]) {
        assert.equal(typeof schemas[name], "object", name);
      }
      const resolve = (node: any): any => (node && node.$ref ? resolveRef(doc, node.$ref) : node);
      const createVariants = (schemas.CustomerCreate.oneOf ?? schemas.CustomerCreate.anyOf ?? [schemas.CustomerCreate]).map(resolve);
      for (const variant of createVariants) {
        for (const field of [
          "email",
          "external_id",
          "name",
          "billing_address",
          "tax_id",
          "locale",
          "metadata",
          "organization_id",
          "type",
        ]) {
          assert.ok(field in variant.properties, `CustomerCreate variant lacks ${field}`);
        }
      }
      const update = resolve(schemas.CustomerUpdate);
      for (const field of ["email", "external_id", "name", "billing_address", "tax_id", "locale", "metadata", "type"])
        assert.ok(field in update.properties, field);
      const updateExternal = resolve(schemas.CustomerUpdateExternalID);
      assert.ok("email" in updateExternal.properties);
      assert.ok(!("external_id" in updateExternal.properties));
      assert.ok(!("type" in updateExternal.properties));

      // Every $ref points at something that exists.
      const refs: string[] = [];
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === "object") {
          for (const [key, value] of Object.entries(node)) {
            if (key === "$ref") refs.push(value as string);
            else walk(value);
          }
        }
      };
      walk(doc);
      assert.ok(refs.length >= 10);
      for (const ref of refs) assert.notEqual(resolveRef(doc, ref), undefined, `dangling ${ref}`);
      for (const scheme of ["oidc", "pat", "oat"]) assert.equal(typeof doc.components.securitySchemes[scheme], "object", scheme);
    });

    it("serves an HTML docs page", async () => {
      const server = get();
      const reply = await server.request("GET", "/docs", { token: null });
      assert.equal(reply.status, 200);
      assert.match(reply.headers.get("content-type") ?? "", /^text\/html/);
      assert.match(reply.text, /^<!doctype html>/i);
      // The operation list for readers without JavaScript, and the renderer pointed at the document.
      assert.ok(reply.text.includes("/v1/customers/{id}/state"));
      assert.ok(reply.text.includes("/openapi.json"));
    });

    it("serves the renderer from this server, cacheable, and redirects / to /docs", async () => {
      const server = get();
      const page = await server.request("GET", "/docs", { token: null });
      const sources = [...page.text.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
      assert.equal(sources.length, 1, "one script, from this server");
      assert.match(sources[0], /^\/docs\/assets\/scalar-\d+\.\d+\.\d+\.js$/);
      assert.ok(!/https?:\/\//.test(page.text.replace(/<noscript>.*<\/noscript>/s, "")), "no absolute URL outside the fallback");
      const script = await server.request("GET", sources[0], { token: null });
      assert.equal(script.status, 200);
      assert.match(script.headers.get("content-type") ?? "", /^text\/javascript/);
      assert.equal(script.headers.get("cache-control"), "public, max-age=31536000, immutable");
      assert.ok(script.text.length > 1_000_000, "the standalone bundle");
      assert.ok(script.text.includes("createApiReference"));

      const root = await server.request("GET", "/", { token: null });
      assert.equal(root.status, 302);
      assert.equal(root.headers.get("location"), "/docs");
      assert.equal((await server.request("POST", "/", { token: null, body: {} })).status, 405);
      assert.equal((await server.request("GET", "/docs/assets/scalar-0.0.0.js", { token: null })).status, 404);
    });

    it("documents auth, the license and an example for every operation, and the examples are what the server does", async () => {
      const server = get();
      const doc = (await server.request("GET", "/openapi.json", { token: null })).body;
      assert.equal(doc.info.license.identifier, "MIT");
      assert.match(doc.info.description, /tokens create --org/);
      for (const scheme of ["oat", "pat"])
        assert.match(doc.components.securitySchemes[scheme].description, /polar-customers tokens create/);

      const { token } = await server.newOrganization();
      const created = await server.request("POST", "/v1/customers/", {
        token,
        body: doc.paths["/v1/customers/"].post.requestBody.content["application/json"].example,
      });
      assert.equal(created.status, 201, created.text);
      const sameShape = (example: any, actual: any, where: string) => {
        assert.deepEqual(Object.keys(example), Object.keys(actual), where);
        // Nullable fields may be null on one side (modified_at after the example PATCH).
        for (const key of Object.keys(example))
          if (example[key] !== null && actual[key] !== null) assert.equal(typeof example[key], typeof actual[key], `${where}.${key}`);
      };
      // This module's operations; every module checks its own.
      for (const [path, methods] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
        if (!path.startsWith("/v1/customers")) continue;
        for (const [method, op] of Object.entries(methods)) {
          const where = `${method} ${path}`;
          const [status, response] = Object.entries(op.responses as Record<string, any>)[0];
          const responseExample = response.content?.["application/json"]?.example;
          const requestExample = op.requestBody?.content["application/json"].example;
          const paramExamples = (op.parameters ?? []).filter((p: any) => p.in === "path").map((p: any) => p.example);
          assert.ok(responseExample !== undefined || paramExamples.length > 0, `${where} has an example`);
          assert.ok(
            paramExamples.every((e: unknown) => typeof e === "string"),
            `${where} path parameters have examples`,
          );
          if (op.requestBody) assert.equal(typeof requestExample, "object", `${where} has a request example`);
          if (responseExample === undefined) continue;
          // Same fields, in the same order, as the server answers for the example request.
          const target = path.replace("{id}", created.body.id).replace("{external_id}", created.body.external_id);
          const reply = method === "post" ? created : await server.request(method.toUpperCase(), target, { token, body: requestExample });
          assert.equal(String(reply.status), status, `${where}: ${reply.text}`);
          if (path === "/v1/customers/" && method === "get") {
            sameShape(responseExample, reply.body, where);
            sameShape(responseExample.items[0], reply.body.items[0], `${where} items`);
          } else sameShape(responseExample, reply.body, where);
          if (requestExample)
            for (const [key, value] of Object.entries(requestExample))
              if (key !== "billing_address" && key !== "tax_id") assert.deepEqual(reply.body[key], value, `${where} ${key}`);
        }
      }
    });
  });
}

function resolveRef(doc: any, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  let node = doc;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !(key in node)) return undefined;
    node = node[key];
  }
  return node;
}
