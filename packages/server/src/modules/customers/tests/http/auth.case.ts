// Authentication, scopes, tenancy and roles plus our extensions: Polar-Organization narrowing and 409 for an external id that
// is ambiguous across a user's organizations.

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { hashToken } from "../../../../platform/auth/tokens.js";
import { unique, type TestServer } from "../../../../../test/support/server.js";
import type { GetServer } from "../../../../../test/support/contract.js";

const UNAUTHORIZED = { error: "Unauthorized", detail: "Unauthorized" };
const INVALID_TOKEN_DESCRIPTION = "The access token provided is expired, revoked, malformed, or invalid for other reasons.";
const INVALID_TOKEN = { error: "invalid_token", error_description: INVALID_TOKEN_DESCRIPTION };
const INSUFFICIENT_SCOPE_DESCRIPTION = "The request requires higher privileges than provided by the access token.";
const INSUFFICIENT_SCOPE = { error: "insufficient_scope", error_description: INSUFFICIENT_SCOPE_DESCRIPTION };
const NOT_FOUND = { error: "ResourceNotFound", detail: "Not found" };
const NOT_PERMITTED = { error: "NotPermitted", detail: "You don't have permission to manage customers" };
const EMPTY_LIST = { items: [], pagination: { total_count: 0, max_page: 0 } };
const STATE_EXTRAS = { active_subscriptions: [], granted_benefits: [], active_meters: [] };

const business = (type: string, loc: (string | number)[], msg: string, input: unknown) => ({
  error: "PolarRequestValidationError",
  detail: [{ type, loc, msg, input }],
});
const ORGANIZATION_REQUIRED = business("missing", ["body", "organization_id"], "organization_id is required.", null);
const organizationNotFound = (id: string) => business("value_error", ["body", "organization_id"], "Organization not found.", id);

type Customer = { id: string; email: string; external_id: string | null; organization_id: string; name: string | null };

/** Every read endpoint that addresses one customer. */
const readPaths = (c: Customer) => [
  `/v1/customers/${c.id}`,
  `/v1/customers/${c.id}/state`,
  ...(c.external_id === null ? [] : [`/v1/customers/external/${c.external_id}`, `/v1/customers/external/${c.external_id}/state`]),
];
/** Every write endpoint that addresses one customer, with a harmless body. */
const writeCalls = (c: Customer): [string, string, unknown][] => [
  ["PATCH", `/v1/customers/${c.id}`, { name: "Changed" }],
  ["DELETE", `/v1/customers/${c.id}`, undefined],
  ...(c.external_id === null
    ? []
    : ([
        ["PATCH", `/v1/customers/external/${c.external_id}`, { name: "Changed" }],
        ["DELETE", `/v1/customers/external/${c.external_id}`, undefined],
      ] as [string, string, unknown][])),
];

const newEmail = () => `${unique("auth")}@example.com`;

async function assertUnchanged(server: TestServer, customer: Customer, token?: string) {
  const reply = await server.request("GET", `/v1/customers/${customer.id}`, { token });
  assert.equal(reply.status, 200, "customer still exists");
  assert.deepEqual(reply.body, customer);
}

export function authCases(get: GetServer): void {
  describe("auth: credentials", () => {
    it("treats a missing or unusable credential as anonymous: 401 Unauthorized with WWW-Authenticate", async () => {
      const server = get();
      const customer = await server.createCustomer();
      const variants: [string, string | null, Record<string, string>][] = [
        ["no header", null, {}],
        ["Basic scheme", null, { authorization: `Basic ${Buffer.from("user:pass").toString("base64")}` }],
        ["token scheme with a real token", null, { authorization: `Token ${server.org.token}` }],
        ["bare token without scheme", null, { authorization: server.org.token }],
        ["empty bearer", null, { authorization: "Bearer " }],
        ["bearer only", null, { authorization: "Bearer" }],
        ["client registration token", "polar_crt_abcdef0123456789", {}],
        ["non-ASCII token", null, { authorization: "Bearer polar_oat_\u00e9t\u00e9" }],
      ];
      for (const [label, token, headers] of variants) {
        for (const [method, path, body] of [
          ["GET", "/v1/customers/", undefined],
          ["GET", `/v1/customers/${customer.id}`, undefined],
          ["POST", "/v1/customers/", { email: newEmail() }],
          ["DELETE", `/v1/customers/${customer.id}`, undefined],
        ] as const) {
          const reply = await server.request(method, path, { token, headers, body });
          assert.equal(reply.status, 401, `${label}: ${method} ${path}`);
          assert.deepEqual(reply.body, UNAUTHORIZED);
          assert.equal(reply.headers.get("www-authenticate"), 'Bearer realm="polar"');
          assert.equal(reply.headers.get("polar-version"), "2026-04");
        }
      }
      await assertUnchanged(server, customer);
    });

    it("accepts the Bearer scheme in any letter case", async () => {
      const server = get();
      for (const scheme of ["bearer", "BEARER", "bEaReR"]) {
        const reply = await server.request("GET", "/v1/customers/?limit=1", {
          headers: { authorization: `${scheme} ${server.org.token}` },
        });
        assert.equal(reply.status, 200, scheme);
      }
    });

    it("answers 401 invalid_token with the OAuth headers for unknown, malformed and revoked tokens", async () => {
      const server = get();
      const revoked = `polar_oat_${randomUUID().replace(/-/g, "")}`;
      await server.storage.accounts.createToken({
        id: randomUUID(),
        kind: "organization",
        tokenHash: hashToken(revoked),
        organizationId: server.org.id,
        userId: null,
        scopes: ["customers:read", "customers:write"],
        expiresAt: null,
        createdAt: new Date(),
        revokedAt: new Date(),
      });
      const tokens = [
        `polar_oat_${"x".repeat(43)}`,
        `polar_pat_${"y".repeat(43)}`,
        "polar_at_u_unknown",
        "polar_at_o_unknown",
        "polar_cst_unknown",
        "polar_mst_unknown",
        "abc123",
        "polar_xyz_abc",
        server.org.token.replace("polar_oat_", "polar_pat_"),
        server.org.token.slice(0, -1),
        `${server.org.token}x`,
        revoked,
      ];
      for (const token of tokens) {
        for (const [method, path] of [
          ["GET", "/v1/customers/"],
          ["GET", `/v1/customers/${randomUUID()}`],
          ["DELETE", "/v1/customers/external/x"],
        ]) {
          const reply = await server.request(method, path, { token });
          assert.equal(reply.status, 401, `${token}: ${method} ${path}`);
          assertInvalidToken(reply);
        }
      }
    });

    it("stops accepting a token once it expires", async () => {
      const server = get();
      const started = Date.now();
      const token = await server.newToken(server.org.id, ["customers:read"], 600);
      const before = await server.request("GET", "/v1/customers/?limit=1", { token });
      assert.equal(before.status, 200);
      assert.ok(Date.now() - started < 600, "the first request ran before the expiry");
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + 700 - Date.now())));
      const after = await server.request("GET", "/v1/customers/?limit=1", { token });
      assert.equal(after.status, 401);
      assertInvalidToken(after);
      const alreadyExpired = await server.newToken(server.org.id, ["customers:read"], 1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      const late = await server.request("GET", "/v1/customers/", { token: alreadyExpired });
      assert.equal(late.status, 401);
      assertInvalidToken(late);
    });
  });

  describe("auth: unusable organizations", () => {
    it("ignores deleted organizations and organizations without API access, for tokens and memberships", async () => {
      const server = get();
      const user = await server.newUser([]);
      for (const flags of [{ deletedAt: new Date() }, { apiAccess: false }]) {
        const org = await server.storage.accounts.createOrganization({
          id: randomUUID(),
          name: unique("gone "),
          slug: unique("gone-"),
          createdAt: new Date(),
          ...flags,
        });
        const token = `polar_oat_${randomUUID().replace(/-/g, "")}`;
        await server.storage.accounts.createToken({
          id: randomUUID(),
          kind: "organization",
          tokenHash: hashToken(token),
          organizationId: org.id,
          userId: null,
          scopes: ["customers:read", "customers:write"],
          expiresAt: null,
          createdAt: new Date(),
        });
        const reply = await server.request("GET", "/v1/customers/", { token });
        assert.equal(reply.status, 401, JSON.stringify(flags));
        assertInvalidToken(reply);

        await server.storage.accounts.addMember(org.id, user.id, "owner");
        const list = await server.request("GET", `/v1/customers/?organization_id=${org.id}`, { token: user.token });
        assert.deepEqual(list.body, EMPTY_LIST);
        const created = await server.request("POST", "/v1/customers/", {
          token: user.token,
          body: { email: newEmail(), organization_id: org.id },
        });
        assert.equal(created.status, 422);
        assert.deepEqual(created.body, organizationNotFound(org.id));
      }
    });
  });

  describe("auth: scopes", () => {
    it("answers 403 insufficient_scope to a read-only token on every write, changing nothing", async () => {
      const server = get();
      const readOnly = await server.newToken(server.org.id, ["customers:read"]);
      const customer = await server.createCustomer({ external_id: unique("ext_") });
      const calls: [string, string, unknown][] = [["POST", "/v1/customers/", { email: newEmail() }], ...writeCalls(customer)];
      for (const [method, path, body] of calls) {
        const reply = await server.request(method, path, { token: readOnly, body });
        assert.equal(reply.status, 403, `${method} ${path}`);
        assert.deepEqual(reply.body, INSUFFICIENT_SCOPE);
        assert.match(reply.headers.get("content-type") ?? "", /^application\/json/);
        assert.equal(reply.headers.get("cache-control"), "no-store");
        assert.equal(reply.headers.get("pragma"), "no-cache");
        assert.equal(
          reply.headers.get("www-authenticate"),
          `Bearer realm="polar", scope="customers:write", error="insufficient_scope", error_description="${INSUFFICIENT_SCOPE_DESCRIPTION}"`,
        );
      }
      await assertUnchanged(server, customer);
    });

    it("lets customers:read alone, and customers:write alone, use every read endpoint", async () => {
      const server = get();
      const customer = await server.createCustomer({ external_id: unique("ext_") });
      for (const scopes of [["customers:read"], ["customers:write"]]) {
        const token = await server.newToken(server.org.id, scopes);
        for (const path of readPaths(customer)) {
          const reply = await server.request("GET", path, { token });
          assert.equal(reply.status, 200, `${scopes} ${path}`);
          assert.equal(reply.body.id, customer.id);
        }
        const list = await server.request("GET", `/v1/customers/?email=${encodeURIComponent(customer.email)}`, { token });
        assert.equal(list.status, 200);
        assert.deepEqual(list.body.items, [customer]);
      }
      const writer = await server.newToken(server.org.id, ["customers:write"]);
      const created = await server.request("POST", "/v1/customers/", { token: writer, body: { email: newEmail() } });
      assert.equal(created.status, 201);
    });

    it("answers 403 to a token without any customers scope, naming both read scopes", async () => {
      const server = get();
      const token = await server.newToken(server.org.id, []);
      const customer = await server.createCustomer();
      for (const path of ["/v1/customers/", ...readPaths(customer)]) {
        const reply = await server.request("GET", path, { token });
        assert.equal(reply.status, 403, path);
        assert.deepEqual(reply.body, INSUFFICIENT_SCOPE);
        const header = reply.headers.get("www-authenticate") ?? "";
        assert.ok(
          [
            `Bearer realm="polar", scope="customers:read customers:write", error="insufficient_scope", error_description="${INSUFFICIENT_SCOPE_DESCRIPTION}"`,
            `Bearer realm="polar", scope="customers:write customers:read", error="insufficient_scope", error_description="${INSUFFICIENT_SCOPE_DESCRIPTION}"`,
          ].includes(header),
          header,
        );
      }
    });
  });

  describe("auth: scopes of other resources", () => {
    it("a token with only products:read (or webhooks:write) resolves but gets 403 insufficient_scope on all ten endpoints", async () => {
      const server = get();
      const customer = await server.createCustomer({ external_id: unique("ext") });
      const byId = `/v1/customers/${customer.id}`;
      const byExternal = `/v1/customers/external/${encodeURIComponent(customer.external_id)}`;
      const endpoints: [method: string, path: string, accepted: string, body?: unknown][] = [
        ["GET", "/v1/customers/", "customers:read customers:write"],
        ["POST", "/v1/customers/", "customers:write", { email: `${unique("c")}@example.com` }],
        ["GET", byId, "customers:read customers:write"],
        ["PATCH", byId, "customers:write", { name: "changed" }],
        ["DELETE", byId, "customers:write"],
        ["GET", `${byId}/state`, "customers:read customers:write"],
        ["GET", byExternal, "customers:read customers:write"],
        ["PATCH", byExternal, "customers:write", { name: "changed" }],
        ["DELETE", byExternal, "customers:write"],
        ["GET", `${byExternal}/state`, "customers:read customers:write"],
      ];
      for (const scopes of [["products:read"], ["webhooks:write", "benefits:read"]]) {
        const token = await server.newToken(server.org.id, scopes);
        for (const [method, path, accepted, body] of endpoints) {
          const reply = await server.request(method, path, { token, body });
          assert.equal(reply.status, 403, `${method} ${path} with ${scopes.join(" ")}`);
          assert.deepEqual(reply.body, INSUFFICIENT_SCOPE);
          assert.equal(
            reply.headers.get("www-authenticate"),
            `Bearer realm="polar", scope="${accepted}", error="insufficient_scope", error_description="${INSUFFICIENT_SCOPE_DESCRIPTION}"`,
          );
        }
      }
      const after = await server.request("GET", byId);
      assert.equal(after.status, 200);
      assert.deepEqual(after.body, customer, "nothing changed");
    });
  });

  describe("auth: organization tokens", () => {
    it("never reach another organization's customers, by id or external id", async () => {
      const server = get();
      const other = await server.newOrganization();
      const externalId = unique("ext_");
      const foreign: Customer = await server.createCustomer({ external_id: externalId }, other.token);
      for (const path of readPaths(foreign)) {
        const reply = await server.request("GET", path);
        assert.equal(reply.status, 404, path);
        assert.deepEqual(reply.body, NOT_FOUND);
      }
      for (const [method, path, body] of writeCalls(foreign)) {
        const reply = await server.request(method, path, { body });
        assert.equal(reply.status, 404, `${method} ${path}`);
        assert.deepEqual(reply.body, NOT_FOUND);
      }
      const byEmail = await server.request("GET", `/v1/customers/?email=${encodeURIComponent(foreign.email)}`);
      assert.deepEqual(byEmail.body, EMPTY_LIST);
      const byQuery = await server.request("GET", `/v1/customers/?query=${externalId}`);
      assert.deepEqual(byQuery.body, EMPTY_LIST);
      const filtered = await server.request("GET", `/v1/customers/?organization_id=${other.id}`);
      assert.equal(filtered.status, 200);
      assert.deepEqual(filtered.body, EMPTY_LIST);
      await assertUnchanged(server, foreign, other.token);

      // The same external id and email may live in both organizations; each token sees its own.
      const mine: Customer = await server.createCustomer({ external_id: externalId, email: foreign.email });
      assert.notEqual(mine.id, foreign.id);
      const own = await server.request("GET", `/v1/customers/external/${externalId}`);
      assert.equal(own.body.id, mine.id);
      const theirs = await server.request("GET", `/v1/customers/external/${externalId}`, { token: other.token });
      assert.equal(theirs.body.id, foreign.id);
    });

    it("list shows exactly the token's organization, and the organization_id filter only narrows", async () => {
      const server = get();
      const a = await server.newOrganization();
      const b = await server.newOrganization();
      const inA = [await server.createCustomer({}, a.token), await server.createCustomer({}, a.token)];
      await server.createCustomer({}, b.token);
      const all = await server.request("GET", "/v1/customers/?sorting=created_at", { token: a.token });
      assert.deepEqual(all.body, { items: inA, pagination: { total_count: 2, max_page: 1 } });
      const own = await server.request("GET", `/v1/customers/?sorting=created_at&organization_id=${a.id}`, { token: a.token });
      assert.deepEqual(own.body, all.body);
      const both = await server.request("GET", `/v1/customers/?sorting=created_at&organization_id=${a.id}&organization_id=${b.id}`, {
        token: a.token,
      });
      assert.deepEqual(both.body, all.body);
      const foreign = await server.request("GET", `/v1/customers/?organization_id=${b.id}&organization_id=${randomUUID()}`, {
        token: a.token,
      });
      assert.deepEqual(foreign.body, EMPTY_LIST);
    });

    it("rejects organization_id on create with organization_token, even for its own organization", async () => {
      const server = get();
      for (const id of [server.org.id, randomUUID()]) {
        const email = newEmail();
        const reply = await server.request("POST", "/v1/customers/", { body: { email, organization_id: id } });
        assert.equal(reply.status, 422);
        assert.deepEqual(
          reply.body,
          business(
            "organization_token",
            ["body", "organization_id"],
            "Setting organization_id is disallowed when using an organization token.",
            id,
          ),
        );
        const list = await server.request("GET", `/v1/customers/?email=${encodeURIComponent(email)}`);
        assert.deepEqual(list.body, EMPTY_LIST);
      }
      const nulled = await server.request("POST", "/v1/customers/", { body: { email: newEmail(), organization_id: null } });
      assert.equal(nulled.status, 201);
      assert.equal(nulled.body.organization_id, server.org.id);
    });
  });

  describe("auth: personal access tokens", () => {
    it("list across the user's organizations only", async () => {
      const server = get();
      const a = await server.newOrganization();
      const b = await server.newOrganization();
      const outside = await server.newOrganization();
      const user = await server.newUser([
        [a.id, "member"],
        [b.id, "finance"],
      ]);
      const ca = await server.createCustomer({}, a.token);
      const cb = await server.createCustomer({}, b.token);
      await server.createCustomer({}, outside.token);
      const all = await server.request("GET", "/v1/customers/?sorting=created_at", { token: user.token });
      assert.equal(all.status, 200);
      assert.deepEqual(all.body, { items: [ca, cb], pagination: { total_count: 2, max_page: 1 } });
      const onlyB = await server.request("GET", `/v1/customers/?organization_id=${b.id}`, { token: user.token });
      assert.deepEqual(onlyB.body, { items: [cb], pagination: { total_count: 1, max_page: 1 } });
      const foreign = await server.request("GET", `/v1/customers/?organization_id=${outside.id}`, { token: user.token });
      assert.deepEqual(foreign.body, EMPTY_LIST);

      const loner = await server.newUser([]);
      const nothing = await server.request("GET", "/v1/customers/", { token: loner.token });
      assert.equal(nothing.status, 200);
      assert.deepEqual(nothing.body, EMPTY_LIST);
      const lonerGet = await server.request("GET", `/v1/customers/${ca.id}`, { token: loner.token });
      assert.deepEqual(lonerGet.body, NOT_FOUND);
    });

    it("create needs organization_id naming one of the user's organizations", async () => {
      const server = get();
      const a = await server.newOrganization();
      const outside = await server.newOrganization();
      const user = await server.newUser([[a.id, "admin"]]);
      const missing = await server.request("POST", "/v1/customers/", { token: user.token, body: { email: newEmail() } });
      assert.equal(missing.status, 422);
      assert.deepEqual(missing.body, ORGANIZATION_REQUIRED);
      const nulled = await server.request("POST", "/v1/customers/", {
        token: user.token,
        body: { email: newEmail(), organization_id: null },
      });
      assert.deepEqual(nulled.body, ORGANIZATION_REQUIRED);
      for (const id of [outside.id, randomUUID()]) {
        const reply = await server.request("POST", "/v1/customers/", {
          token: user.token,
          body: { email: newEmail(), organization_id: id },
        });
        assert.equal(reply.status, 422);
        assert.deepEqual(reply.body, organizationNotFound(id));
      }
      const created = await server.request("POST", "/v1/customers/", {
        token: user.token,
        body: { email: newEmail(), organization_id: a.id.toUpperCase() },
      });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.organization_id, a.id);
      const seen = await server.request("GET", `/v1/customers/${created.body.id}`, { token: a.token });
      assert.deepEqual(seen.body, created.body);
      const outsideList = await server.request("GET", "/v1/customers/", { token: outside.token });
      assert.deepEqual(outsideList.body, EMPTY_LIST);
    });

    it("finance members may read but not write (403 NotPermitted after the lookup)", async () => {
      const server = get();
      const org = await server.newOrganization();
      const outside = await server.newOrganization();
      const finance = await server.newUser([[org.id, "finance"]]);
      const customer: Customer = await server.createCustomer({ external_id: unique("ext_") }, org.token);
      const foreign: Customer = await server.createCustomer({ external_id: unique("ext_") }, outside.token);

      for (const path of readPaths(customer)) {
        const reply = await server.request("GET", path, { token: finance.token });
        assert.equal(reply.status, 200, path);
        assert.deepEqual(reply.body, path.endsWith("/state") ? { ...customer, ...STATE_EXTRAS } : customer);
      }
      const list = await server.request("GET", "/v1/customers/", { token: finance.token });
      assert.deepEqual(list.body, { items: [customer], pagination: { total_count: 1, max_page: 1 } });

      const create = await server.request("POST", "/v1/customers/", {
        token: finance.token,
        body: { email: newEmail(), organization_id: org.id },
      });
      assert.equal(create.status, 403);
      assert.deepEqual(create.body, NOT_PERMITTED);
      for (const [method, path, body] of writeCalls(customer)) {
        const reply = await server.request(method, path, { token: finance.token, body });
        assert.equal(reply.status, 403, `${method} ${path}`);
        assert.deepEqual(reply.body, NOT_PERMITTED);
      }
      await assertUnchanged(server, customer, org.token);
      for (const [method, path, body] of writeCalls(foreign)) {
        const reply = await server.request(method, path, { token: finance.token, body });
        assert.equal(reply.status, 404, `${method} ${path}`);
        assert.deepEqual(reply.body, NOT_FOUND);
      }
      const missing = await server.request("PATCH", `/v1/customers/${randomUUID()}`, { token: finance.token, body: { name: "x" } });
      assert.deepEqual(missing.body, NOT_FOUND);
      await assertUnchanged(server, foreign, outside.token);
    });

    it("orders finance checks as the contract says: schema 422, org resolution 422, lookup 404, then role 403", async () => {
      const server = get();
      const org = await server.newOrganization();
      const outside = await server.newOrganization();
      const finance = await server.newUser([[org.id, "finance"]]);
      const customer: Customer = await server.createCustomer({}, org.token);
      const badSchema = await server.request("POST", "/v1/customers/", {
        token: finance.token,
        body: { email: 42, organization_id: org.id },
      });
      assert.equal(badSchema.status, 422);
      assert.equal(badSchema.body.error, "RequestValidationError");
      const noOrg = await server.request("POST", "/v1/customers/", { token: finance.token, body: { email: newEmail() } });
      assert.deepEqual(noOrg.body, ORGANIZATION_REQUIRED);
      const foreignOrg = await server.request("POST", "/v1/customers/", {
        token: finance.token,
        body: { email: newEmail(), organization_id: outside.id },
      });
      assert.deepEqual(foreignOrg.body, organizationNotFound(outside.id));
      const patchSchema = await server.request("PATCH", `/v1/customers/${customer.id}`, { token: finance.token, body: { name: 42 } });
      assert.equal(patchSchema.status, 422);
      assert.equal(patchSchema.body.error, "RequestValidationError");
      // A business-rule violation is only looked at after the role check.
      const patchBusiness = await server.request("PATCH", `/v1/customers/${customer.id}`, {
        token: finance.token,
        body: { billing_address: null },
      });
      assert.equal(patchBusiness.status, 403);
      assert.deepEqual(patchBusiness.body, NOT_PERMITTED);
    });

    for (const role of ["member", "admin", "owner"] as const) {
      it(`${role} members may create, update and delete`, async () => {
        const server = get();
        const org = await server.newOrganization();
        const user = await server.newUser([[org.id, role]]);
        const externalId = unique("ext_");
        const created = await server.request("POST", "/v1/customers/", {
          token: user.token,
          body: { email: newEmail(), external_id: externalId, organization_id: org.id },
        });
        assert.equal(created.status, 201, created.text);
        assert.equal(created.body.organization_id, org.id);
        const byId = await server.request("PATCH", `/v1/customers/${created.body.id}`, { token: user.token, body: { name: "By id" } });
        assert.equal(byId.status, 200);
        assert.equal(byId.body.name, "By id");
        const byExternal = await server.request("PATCH", `/v1/customers/external/${externalId}`, {
          token: user.token,
          body: { name: "By external" },
        });
        assert.equal(byExternal.status, 200);
        assert.equal(byExternal.body.name, "By external");
        const deleted = await server.request("DELETE", `/v1/customers/external/${externalId}`, { token: user.token });
        assert.equal(deleted.status, 204);
        assert.equal((await server.request("GET", `/v1/customers/${created.body.id}`, { token: org.token })).status, 404);
        const other = await server.createCustomer({}, org.token);
        const deletedById = await server.request("DELETE", `/v1/customers/${other.id}`, { token: user.token });
        assert.equal(deletedById.status, 204);
      });
    }

    it("applies each organization's role separately", async () => {
      const server = get();
      const readOnlyOrg = await server.newOrganization();
      const writableOrg = await server.newOrganization();
      const user = await server.newUser([
        [readOnlyOrg.id, "finance"],
        [writableOrg.id, "owner"],
      ]);
      const a: Customer = await server.createCustomer({}, readOnlyOrg.token);
      const b: Customer = await server.createCustomer({}, writableOrg.token);
      const denied = await server.request("PATCH", `/v1/customers/${a.id}`, { token: user.token, body: { name: "No" } });
      assert.deepEqual(denied.body, NOT_PERMITTED);
      const allowed = await server.request("PATCH", `/v1/customers/${b.id}`, { token: user.token, body: { name: "Yes" } });
      assert.equal(allowed.status, 200);
      assert.equal(allowed.body.name, "Yes");
      const createDenied = await server.request("POST", "/v1/customers/", {
        token: user.token,
        body: { email: newEmail(), organization_id: readOnlyOrg.id },
      });
      assert.deepEqual(createDenied.body, NOT_PERMITTED);
      const createAllowed = await server.request("POST", "/v1/customers/", {
        token: user.token,
        body: { email: newEmail(), organization_id: writableOrg.id },
      });
      assert.equal(createAllowed.status, 201);
    });

    it("scopes apply to personal tokens too", async () => {
      const server = get();
      const org = await server.newOrganization();
      const user = await server.newUser([[org.id, "owner"]], ["customers:read"]);
      const customer = await server.createCustomer({}, org.token);
      const read = await server.request("GET", `/v1/customers/${customer.id}`, { token: user.token });
      assert.equal(read.status, 200);
      const write = await server.request("PATCH", `/v1/customers/${customer.id}`, { token: user.token, body: { name: "x" } });
      assert.equal(write.status, 403);
      assert.deepEqual(write.body, INSUFFICIENT_SCOPE);
    });
  });

  describe("auth: Polar-Organization narrowing", () => {
    it("narrows a user to one organization, which then needs no organization_id on create", async () => {
      const server = get();
      const a = await server.newOrganization();
      const b = await server.newOrganization();
      const user = await server.newUser([
        [a.id, "member"],
        [b.id, "member"],
      ]);
      const ca: Customer = await server.createCustomer({}, a.token);
      const cb: Customer = await server.createCustomer({}, b.token);
      const narrowed = (id: string) => ({ token: user.token, headers: { "polar-organization": id } });

      const list = await server.request("GET", "/v1/customers/", narrowed(a.id));
      assert.deepEqual(list.body, { items: [ca], pagination: { total_count: 1, max_page: 1 } });
      const upper = await server.request("GET", "/v1/customers/", narrowed(a.id.toUpperCase()));
      assert.deepEqual(upper.body, list.body);
      const filteredAway = await server.request("GET", `/v1/customers/?organization_id=${b.id}`, narrowed(a.id));
      assert.deepEqual(filteredAway.body, EMPTY_LIST);
      assert.equal((await server.request("GET", `/v1/customers/${ca.id}`, narrowed(a.id))).status, 200);
      const hidden = await server.request("GET", `/v1/customers/${cb.id}`, narrowed(a.id));
      assert.equal(hidden.status, 404);
      assert.deepEqual(hidden.body, NOT_FOUND);
      const hiddenPatch = await server.request("PATCH", `/v1/customers/${cb.id}`, { ...narrowed(a.id), body: { name: "x" } });
      assert.deepEqual(hiddenPatch.body, NOT_FOUND);

      const created = await server.request("POST", "/v1/customers/", { ...narrowed(a.id), body: { email: newEmail() } });
      assert.equal(created.status, 201, created.text);
      assert.equal(created.body.organization_id, a.id);
      const explicit = await server.request("POST", "/v1/customers/", {
        ...narrowed(a.id),
        body: { email: newEmail(), organization_id: a.id },
      });
      assert.equal(explicit.status, 201);
      const outsideNarrowing = await server.request("POST", "/v1/customers/", {
        ...narrowed(a.id),
        body: { email: newEmail(), organization_id: b.id },
      });
      assert.deepEqual(outsideNarrowing.body, organizationNotFound(b.id));

      // Without the header the same user still sees both.
      const unnarrowed = await server.request("GET", "/v1/customers/", { token: user.token });
      assert.equal(unnarrowed.body.pagination.total_count, 4);
    });

    it("narrowing to an organization the caller cannot see leaves nothing (intersection)", async () => {
      const server = get();
      const a = await server.newOrganization();
      const outside = await server.newOrganization();
      const user = await server.newUser([[a.id, "owner"]]);
      const ca: Customer = await server.createCustomer({}, a.token);
      const co: Customer = await server.createCustomer({}, outside.token);
      for (const token of [user.token, a.token]) {
        const headers = { "polar-organization": outside.id };
        const list = await server.request("GET", "/v1/customers/", { token, headers });
        assert.deepEqual(list.body, EMPTY_LIST);
        for (const id of [ca.id, co.id]) {
          const reply = await server.request("GET", `/v1/customers/${id}`, { token, headers });
          assert.deepEqual(reply.body, NOT_FOUND);
        }
        const created = await server.request("POST", "/v1/customers/", { token, headers, body: { email: newEmail() } });
        assert.equal(created.status, 422);
        assert.deepEqual(
          created.body.detail.map((d: { loc: unknown }) => d.loc),
          [["body", "organization_id"]],
        );
      }
      const ownOrg = await server.request("GET", "/v1/customers/", { token: a.token, headers: { "polar-organization": a.id } });
      assert.deepEqual(ownOrg.body, { items: [ca], pagination: { total_count: 1, max_page: 1 } });
      const ownCreate = await server.request("POST", "/v1/customers/", {
        token: a.token,
        headers: { "polar-organization": a.id },
        body: { email: newEmail() },
      });
      assert.equal(ownCreate.status, 201);
    });

    it("rejects a Polar-Organization header that is not a UUID with 422 at [header, polar-organization]", async () => {
      const server = get();
      for (const value of ["acme", "1234", `${randomUUID()}x`]) {
        for (const [method, path, body] of [
          ["GET", "/v1/customers/", undefined],
          ["POST", "/v1/customers/", { email: newEmail() }],
        ] as const) {
          const reply = await server.request(method, path, { headers: { "polar-organization": value }, body });
          assert.equal(reply.status, 422, `${value} ${method}`);
          assert.equal(reply.body.error, "RequestValidationError");
          assert.equal(reply.body.detail.length, 1);
          assert.deepEqual(reply.body.detail[0].loc, ["header", "polar-organization"]);
          assert.equal(reply.body.detail[0].type, "uuid_parsing");
          assert.equal(reply.body.detail[0].input, value);
        }
      }
      const anonymous = await server.request("GET", "/v1/customers/", { token: null, headers: { "polar-organization": "acme" } });
      assert.equal(anonymous.status, 401);
    });
  });

  describe("auth: external ids shared across a user's organizations", () => {
    it("answers 409 Conflict when the external id is ambiguous, and resolves it once narrowed", async () => {
      const server = get();
      const a = await server.newOrganization();
      const b = await server.newOrganization();
      const user = await server.newUser([
        [a.id, "owner"],
        [b.id, "owner"],
      ]);
      const externalId = unique("shared_");
      const ca: Customer = await server.createCustomer({ external_id: externalId }, a.token);
      const cb: Customer = await server.createCustomer({ external_id: externalId }, b.token);
      const calls: [string, string, unknown][] = [
        ["GET", `/v1/customers/external/${externalId}`, undefined],
        ["GET", `/v1/customers/external/${externalId}/state`, undefined],
        ["PATCH", `/v1/customers/external/${externalId}`, { name: "Ambiguous" }],
        ["DELETE", `/v1/customers/external/${externalId}`, undefined],
      ];
      for (const [method, path, body] of calls) {
        const reply = await server.request(method, path, { token: user.token, body });
        assert.equal(reply.status, 409, `${method} ${path}`);
        assert.deepEqual(Object.keys(reply.body), ["error", "detail"]);
        assert.equal(reply.body.error, "Conflict");
        assert.equal(typeof reply.body.detail, "string");
        assert.ok(reply.body.detail.length > 0);
      }
      await assertUnchanged(server, ca, a.token);
      await assertUnchanged(server, cb, b.token);

      const narrowed = await server.request("GET", `/v1/customers/external/${externalId}`, {
        token: user.token,
        headers: { "polar-organization": b.id },
      });
      assert.equal(narrowed.status, 200);
      assert.deepEqual(narrowed.body, cb);
      const orgToken = await server.request("GET", `/v1/customers/external/${externalId}`, { token: a.token });
      assert.deepEqual(orgToken.body, ca);

      // Once one of them is gone the id is no longer ambiguous.
      assert.equal((await server.request("DELETE", `/v1/customers/${ca.id}`, { token: a.token })).status, 204);
      const resolved = await server.request("GET", `/v1/customers/external/${externalId}`, { token: user.token });
      assert.equal(resolved.status, 200);
      assert.deepEqual(resolved.body, cb);
    });
  });
}

function assertInvalidToken(reply: { body: unknown; headers: Headers }) {
  assert.deepEqual(reply.body, INVALID_TOKEN);
  assert.match(reply.headers.get("content-type") ?? "", /^application\/json/);
  assert.equal(reply.headers.get("cache-control"), "no-store");
  assert.equal(reply.headers.get("pragma"), "no-cache");
  assert.equal(
    reply.headers.get("www-authenticate"),
    `Bearer realm="polar", error="invalid_token", error_description="${INVALID_TOKEN_DESCRIPTION}"`,
  );
}
