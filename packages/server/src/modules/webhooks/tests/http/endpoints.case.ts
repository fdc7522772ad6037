// The endpoints API: shapes, URL rules, partial updates, secrets, soft
// deletion, scopes and tenancy.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { GetServer } from "../../../../../test/support/contract.js";
import { MISSING_ID, NOT_FOUND } from "../../../../../test/support/catalog.js";
import { TestServer } from "../../../../../test/support/server.js";
import { createEndpoint, webhookOrg, WEBHOOK_SCOPES } from "./support.js";

const SECRET = /^whsec_[A-Za-z0-9]{43}$/;
const ENDPOINT_KEYS = ["created_at", "modified_at", "id", "url", "name", "format", "secret", "organization_id", "events", "enabled"];

export function endpointCases(get: GetServer): void {
  describe("webhooks: endpoints API", () => {
    it("creates an endpoint with a generated whsec_ secret, enabled, keys in Polar's order; local http URLs are accepted", async () => {
      const server = get();
      const org = await webhookOrg(server);
      const reply = await server.request("POST", "/v1/webhooks/endpoints", {
        token: org.token,
        body: { url: "  http://LOCALHOST:3000  ", format: "raw", events: ["customer.created", "customer.updated"] },
      });
      assert.equal(reply.status, 201, reply.text);
      assert.deepEqual(Object.keys(reply.body), ENDPOINT_KEYS);
      assert.equal(reply.body.url, "http://localhost:3000/");
      assert.match(reply.body.secret, SECRET);
      assert.equal(reply.body.name, null);
      assert.equal(reply.body.modified_at, null);
      assert.equal(reply.body.enabled, true);
      assert.equal(reply.body.organization_id, org.id);
      assert.deepEqual(reply.body.events, ["customer.created", "customer.updated"]);
      const again = await server.request("GET", `/v1/webhooks/endpoints/${reply.body.id}`, { token: org.token });
      assert.deepEqual(again.body, reply.body);
      const other = await createEndpoint(server, org.token, "https://example.com/hook", []);
      assert.notEqual(other.secret, reply.body.secret);
    });

    it("rejects malformed URLs and unknown event types with Polar's issues", async () => {
      const server = get();
      const org = await webhookOrg(server);
      const post = (body: unknown) => server.request("POST", "/v1/webhooks/endpoints", { token: org.token, body });
      const cases: [unknown, string][] = [
        ["not a url", "url_parsing"],
        ["", "url_parsing"],
        ["ftp://example.com/x", "url_scheme"],
        [`https://example.com/${"a".repeat(2100)}`, "url_too_long"],
      ];
      for (const [url, type] of cases) {
        const reply = await post({ url, format: "raw", events: [] });
        assert.equal(reply.status, 422, reply.text);
        assert.equal(reply.body.error, "RequestValidationError");
        assert.equal(reply.body.detail[0].type, type);
        assert.deepEqual(reply.body.detail[0].loc, ["body", "url"]);
      }
      const bad = await post({ url: "https://example.com", format: "raw", events: ["customer.created", "nope"] });
      assert.equal(bad.status, 422);
      assert.equal(bad.body.detail[0].type, "enum");
      assert.deepEqual(bad.body.detail[0].loc, ["body", "events", 1]);
      const missing = await post({ url: "https://example.com" });
      assert.deepEqual(
        missing.body.detail.map((d: { loc: unknown[] }) => d.loc),
        [
          ["body", "format"],
          ["body", "events"],
        ],
      );
      const orgToken = await post({ url: "https://example.com", format: "raw", events: [], organization_id: org.id });
      assert.equal(orgToken.status, 422);
      assert.equal(orgToken.body.detail[0].type, "organization_token");
    });

    it("with --webhooks-public-urls-only: Polar's rule (https, no localhost or private IP literals)", async () => {
      const lax = get();
      const strict = await TestServer.start(lax.databaseUrl, { webhooks: { publicUrlsOnly: true } });
      try {
        const org = await webhookOrg(lax);
        const post = (url: string) =>
          strict.request("POST", "/v1/webhooks/endpoints", { token: org.token, body: { url, format: "raw", events: [] } });
        const scheme = await post("http://example.com/hook");
        assert.equal(scheme.status, 422);
        assert.deepEqual(scheme.body.detail[0], {
          type: "url_scheme",
          loc: ["body", "url"],
          msg: "URL scheme should be 'https'",
          input: "http://example.com/hook",
          ctx: { expected_schemes: "'https'" },
        });
        for (const url of [
          "https://localhost/x",
          "https://127.0.0.1:8080/x",
          "https://10.0.0.1/x",
          "https://[::1]/x",
          "https://192.168.1.2/",
        ]) {
          const reply = await post(url);
          assert.equal(reply.status, 422, url);
          assert.deepEqual(reply.body.detail[0], {
            type: "value_error",
            loc: ["body", "url"],
            msg: "Value error, Webhook URLs cannot point to localhost or private IP addresses.",
            input: url,
          });
        }
        assert.equal((await post("https://foo.localhost.example.com/x")).status, 201);
        assert.equal((await post("https://Example.COM:443")).body.url, "https://example.com/");
        // Created while the rule was off, then disabled: enabling it again checks the stored URL.
        const local = await createEndpoint(lax, org.token, "http://127.0.0.1:9/x", []);
        const path = `/v1/webhooks/endpoints/${local.id}`;
        await lax.request("PATCH", path, { token: org.token, body: { enabled: false } });
        const enable = await strict.request("PATCH", path, { token: org.token, body: { enabled: true } });
        assert.equal(enable.status, 422);
        assert.deepEqual(enable.body, {
          error: "PolarRequestValidationError",
          detail: [
            {
              type: "value_error",
              loc: ["body", "enabled"],
              msg: "Cannot enable a webhook endpoint with an invalid URL. Please update the URL first.",
              input: true,
            },
          ],
        });
        const fixed = await strict.request("PATCH", path, { token: org.token, body: { url: "https://example.com/ok", enabled: true } });
        assert.equal(fixed.status, 200, fixed.text);
        assert.equal(fixed.body.enabled, true);
      } finally {
        await strict.close();
      }
    });

    it("updates only keys present and not null, resets the secret, soft-deletes", async () => {
      const server = get();
      const org = await webhookOrg(server);
      const endpoint = await createEndpoint(server, org.token, "https://example.com/a", ["customer.created"], { name: "first" });
      const path = `/v1/webhooks/endpoints/${endpoint.id}`;
      const unchanged = await server.request("PATCH", path, { token: org.token, body: { name: null } });
      assert.equal(unchanged.status, 200);
      assert.deepEqual(unchanged.body, { ...endpoint, name: "first" });
      const updated = await server.request("PATCH", path, {
        token: org.token,
        body: { url: "http://127.0.0.1:9/b", events: ["customer.deleted"], enabled: false },
      });
      assert.equal(updated.status, 200, updated.text);
      assert.equal(updated.body.url, "http://127.0.0.1:9/b");
      assert.deepEqual(updated.body.events, ["customer.deleted"]);
      assert.equal(updated.body.enabled, false);
      assert.notEqual(updated.body.modified_at, null);
      const reset = await server.request("PATCH", `${path}/secret`, { token: org.token });
      assert.equal(reset.status, 200);
      assert.match(reset.body.secret, SECRET);
      assert.notEqual(reset.body.secret, endpoint.secret);
      const deleted = await server.request("DELETE", path, { token: org.token });
      assert.equal(deleted.status, 204);
      assert.equal(deleted.text, "");
      for (const [method, p] of [
        ["GET", path],
        ["PATCH", path],
        ["PATCH", `${path}/secret`],
        ["DELETE", path],
      ] as const) {
        const gone = await server.request(method, p, { token: org.token, body: method === "PATCH" ? {} : undefined });
        assert.equal(gone.status, 404, `${method} ${p}`);
        assert.deepEqual(gone.body, NOT_FOUND);
      }
      const list = await server.request("GET", "/v1/webhooks/endpoints", { token: org.token });
      assert.deepEqual(list.body.items, []);
    });

    it("lists newest first with page/limit, confined to the caller's organizations", async () => {
      const server = get();
      const org = await webhookOrg(server);
      const other = await webhookOrg(server);
      const a = await createEndpoint(server, org.token, "https://example.com/1", []);
      const b = await createEndpoint(server, org.token, "https://example.com/2", []);
      const foreign = await createEndpoint(server, other.token, "https://example.com/3", []);
      const list = await server.request("GET", "/v1/webhooks/endpoints?limit=1&page=2", { token: org.token });
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.pagination, { total_count: 2, max_page: 2 });
      const all = await server.request("GET", "/v1/webhooks/endpoints", { token: org.token });
      const ids = all.body.items.map((e: { id: string }) => e.id);
      assert.deepEqual(new Set(ids), new Set([a.id, b.id]));
      assert.equal(list.body.items[0].id, ids[1]);
      assert.equal((await server.request("GET", `/v1/webhooks/endpoints/${foreign.id}`, { token: org.token })).status, 404);
      assert.equal((await server.request("DELETE", `/v1/webhooks/endpoints/${foreign.id}`, { token: org.token })).status, 404);
      assert.equal((await server.request("GET", `/v1/webhooks/endpoints/${MISSING_ID}`, { token: org.token })).status, 404);
      const filtered = await server.request("GET", `/v1/webhooks/endpoints?organization_id=${other.id}`, { token: org.token });
      assert.deepEqual(filtered.body.items, []);
    });

    it("refuses U+0000 in an endpoint's name or chosen secret with the documented 422", async () => {
      const server = get();
      const org = await webhookOrg(server);
      const endpoint = await createEndpoint(server, org.token, "https://example.com/nul", []);
      const attempts: [string, string, Record<string, unknown>][] = [
        ["POST", "/v1/webhooks/endpoints", { url: "https://example.com/a", format: "raw", events: [], name: "a\u0000b" }],
        ["POST", "/v1/webhooks/endpoints", { url: "https://example.com/a", format: "raw", events: [], secret: "s".repeat(40) + "\u0000" }],
        ["PATCH", `/v1/webhooks/endpoints/${endpoint.id}`, { name: "\u0000" }],
      ];
      for (const [method, path, body] of attempts) {
        const reply = await server.request(method, path, { token: org.token, body });
        assert.equal(reply.status, 422, `${method} ${JSON.stringify(body)}: ${reply.text}`);
        assert.equal(reply.body.detail[0].msg, "Value error, This value contains invalid characters");
      }
    });

    it("a delivery search for text no row can hold (U+0000) matches nothing instead of failing", async () => {
      const server = get();
      const org = await webhookOrg(server);
      for (const query of ["a%00b", "%00"]) {
        const reply = await server.request("GET", `/v1/webhooks/deliveries?query=${query}`, { token: org.token });
        assert.equal(reply.status, 200, reply.text);
        assert.deepEqual(reply.body, { items: [], pagination: { total_count: 0, max_page: 0 } });
      }
    });

    it("needs webhooks scopes; members and finance users see nothing and may not create", async () => {
      const server = get();
      const org = await webhookOrg(server);
      const endpoint = await createEndpoint(server, org.token, "https://example.com/x", []);
      const customersOnly = await server.newToken(org.id, ["customers:read", "customers:write"]);
      for (const [method, path] of [
        ["GET", "/v1/webhooks/endpoints"],
        ["POST", "/v1/webhooks/endpoints"],
        ["GET", "/v1/webhooks/deliveries"],
        ["POST", `/v1/webhooks/events/${MISSING_ID}/redeliver`],
      ]) {
        const reply = await server.request(method, path, { token: customersOnly, body: method === "POST" ? {} : undefined });
        assert.equal(reply.status, 403, `${method} ${path}`);
        assert.equal(reply.body.error, "insufficient_scope");
      }
      const readOnly = await server.newToken(org.id, ["webhooks:read"]);
      assert.equal((await server.request("GET", "/v1/webhooks/endpoints", { token: readOnly })).status, 200);
      assert.equal((await server.request("PATCH", `/v1/webhooks/endpoints/${endpoint.id}`, { token: readOnly, body: {} })).status, 403);
      const member = await server.newUser([[org.id, "member"]], WEBHOOK_SCOPES);
      const list = await server.request("GET", "/v1/webhooks/endpoints", { token: member.token });
      assert.deepEqual(list.body.items, []);
      assert.equal((await server.request("GET", `/v1/webhooks/endpoints/${endpoint.id}`, { token: member.token })).status, 404);
      const create = await server.request("POST", "/v1/webhooks/endpoints", {
        token: member.token,
        body: { url: "https://example.com", format: "raw", events: [], organization_id: org.id },
      });
      assert.equal(create.status, 403);
      assert.deepEqual(create.body, { error: "NotPermitted", detail: "You don't have permission to manage the organization" });
      const admin = await server.newUser([[org.id, "admin"]], WEBHOOK_SCOPES);
      assert.equal((await server.request("GET", `/v1/webhooks/endpoints/${endpoint.id}`, { token: admin.token })).status, 200);
    });
  });
}
