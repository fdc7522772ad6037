// The happy paths of all ten endpoints and their not-found answers.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unique } from "../../../../../test/support/server.js";
import type { GetServer } from "../../../../../test/support/contract.js";

const NOT_FOUND = { error: "ResourceNotFound", detail: "Not found" };
const CUSTOMER_KEYS = [
  "id",
  "created_at",
  "modified_at",
  "metadata",
  "external_id",
  "email",
  "email_verified",
  "type",
  "name",
  "billing_name",
  "billing_address",
  "tax_id",
  "locale",
  "organization_id",
  "default_payment_method_id",
  "deleted_at",
  "first_user_event_at",
  "avatar_url",
];

export function crudCases(get: GetServer): void {
  describe("customers CRUD", () => {
    it("creates a customer with every field and returns it in Polar's shape", async () => {
      const server = get();
      const externalId = unique("ext_");
      const reply = await server.request("POST", "/v1/customers/", {
        body: {
          email: "Jane.Doe@EXAMPLE.com",
          external_id: `  ${externalId}  `,
          name: "  Jane  ",
          billing_address: { country: "fr", city: " Paris " },
          tax_id: "FR 61 954 506 077",
          locale: "fr-ca",
          metadata: { plan: "pro", seats: 3, ratio: 1.5, beta: true },
          email_verified: true,
        },
      });
      assert.equal(reply.status, 201, reply.text);
      const c = reply.body;
      assert.deepEqual(Object.keys(c), CUSTOMER_KEYS);
      assert.match(c.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.match(c.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$/);
      assert.equal(c.modified_at, null);
      assert.equal(c.email, "Jane.Doe@example.com");
      assert.equal(c.email_verified, false);
      assert.equal(c.external_id, externalId);
      assert.equal(c.name, "Jane");
      assert.equal(c.billing_name, "Jane");
      assert.equal(c.type, "individual");
      assert.deepEqual(c.billing_address, { line1: null, line2: null, postal_code: null, city: "Paris", state: null, country: "FR" });
      assert.deepEqual(c.tax_id, ["FR61954506077", "eu_vat"]);
      assert.equal(c.locale, "fr-CA");
      assert.deepEqual(c.metadata, { plan: "pro", seats: 3, ratio: 1.5, beta: true });
      assert.equal(c.organization_id, server.org.id);
      assert.equal(c.default_payment_method_id, null);
      assert.equal(c.deleted_at, null);
      assert.equal(c.first_user_event_at, null);
      assert.match(c.avatar_url, /^https:\/\/www\.gravatar\.com\/avatar\/[0-9a-f]{64}\?d=404$/);
      assert.equal(reply.headers.get("polar-version"), "2026-04");
      assert.equal(reply.headers.get("cache-control"), "private, no-store");
    });

    it("gets a customer by id and by external id, and their state", async () => {
      const server = get();
      const externalId = unique("ext_");
      const created = await server.createCustomer({ external_id: externalId });
      for (const path of [`/v1/customers/${created.id}`, `/v1/customers/external/${externalId}`]) {
        const reply = await server.request("GET", path);
        assert.equal(reply.status, 200);
        assert.deepEqual(reply.body, created);
      }
      for (const path of [`/v1/customers/${created.id}/state`, `/v1/customers/external/${externalId}/state`]) {
        const reply = await server.request("GET", path);
        assert.equal(reply.status, 200);
        assert.deepEqual(reply.body, { ...created, active_subscriptions: [], granted_benefits: [], active_meters: [] });
      }
    });

    it("accepts upper-case and un-hyphenated ids", async () => {
      const server = get();
      const created = await server.createCustomer();
      for (const form of [created.id.toUpperCase(), created.id.replace(/-/g, "")]) {
        const reply = await server.request("GET", `/v1/customers/${form}`);
        assert.equal(reply.status, 200);
        assert.equal(reply.body.id, created.id);
      }
    });

    it("updates by id and by external id", async () => {
      const server = get();
      const externalId = unique("ext_");
      const created = await server.createCustomer({ external_id: externalId, metadata: { a: "1", b: 2 } });
      const byId = await server.request("PATCH", `/v1/customers/${created.id}`, { body: { name: "New Name", metadata: { c: true } } });
      assert.equal(byId.status, 200, byId.text);
      assert.equal(byId.body.name, "New Name");
      assert.deepEqual(byId.body.metadata, { c: true });
      assert.notEqual(byId.body.modified_at, null);
      const byExternal = await server.request("PATCH", `/v1/customers/external/${externalId}`, {
        body: { locale: "en_us", external_id: "ignored", type: "team" },
      });
      assert.equal(byExternal.status, 200, byExternal.text);
      assert.equal(byExternal.body.locale, "en-US");
      assert.equal(byExternal.body.external_id, externalId);
      assert.equal(byExternal.body.type, "individual");
    });

    it("leaves modified_at alone for an empty PATCH", async () => {
      const server = get();
      const created = await server.createCustomer();
      const reply = await server.request("PATCH", `/v1/customers/${created.id}`, { body: {} });
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.body, created);
    });

    it("deletes by id: 204, then 404 everywhere, and the email and external id are free again", async () => {
      const server = get();
      const externalId = unique("ext_");
      const email = `${unique("del")}@example.com`;
      const created = await server.createCustomer({ email, external_id: externalId });
      const reply = await server.request("DELETE", `/v1/customers/${created.id}`);
      assert.equal(reply.status, 204);
      assert.equal(reply.text, "");
      for (const [method, path] of [
        ["GET", `/v1/customers/${created.id}`],
        ["GET", `/v1/customers/${created.id}/state`],
        ["GET", `/v1/customers/external/${externalId}`],
        ["GET", `/v1/customers/external/${externalId}/state`],
        ["DELETE", `/v1/customers/${created.id}`],
        ["DELETE", `/v1/customers/external/${externalId}`],
      ]) {
        const after = await server.request(method, path);
        assert.equal(after.status, 404, `${method} ${path}`);
        assert.deepEqual(after.body, NOT_FOUND);
      }
      const patch = await server.request("PATCH", `/v1/customers/${created.id}`, { body: {} });
      assert.equal(patch.status, 404);
      const list = await server.request("GET", `/v1/customers/?email=${encodeURIComponent(email)}`);
      assert.equal(list.body.pagination.total_count, 0);
      const again = await server.createCustomer({ email, external_id: externalId });
      assert.notEqual(again.id, created.id);
    });

    it("deletes by external id with anonymize and keeps the row out of every read", async () => {
      const server = get();
      const externalId = unique("ext_");
      const created = await server.createCustomer({ external_id: externalId, name: "Private Person" });
      const reply = await server.request("DELETE", `/v1/customers/external/${externalId}?anonymize=true`);
      assert.equal(reply.status, 204);
      assert.equal((await server.request("GET", `/v1/customers/${created.id}`)).status, 404);
      const page = await server.storage.customers.list({
        organizationIds: [server.org.id],
        sorting: [{ field: "created_at", descending: true }],
        limit: 100,
        offset: 0,
        email: created.email,
      });
      assert.equal(page.totalCount, 0);
      assert.equal((await server.request("GET", `/v1/customers/?query=${externalId}`)).body.pagination.total_count, 0);
    });

    it("answers 404 for unknown ids and external ids", async () => {
      const server = get();
      const id = "0b6a4e0a-7d8c-4c5e-9a64-4b9f4b5ad111";
      for (const [method, path] of [
        ["GET", `/v1/customers/${id}`],
        ["PATCH", `/v1/customers/${id}`],
        ["DELETE", `/v1/customers/${id}`],
        ["GET", `/v1/customers/${id}/state`],
        ["GET", "/v1/customers/external/nobody"],
        ["PATCH", "/v1/customers/external/nobody"],
        ["DELETE", "/v1/customers/external/nobody"],
        ["GET", "/v1/customers/external/nobody/state"],
      ]) {
        const reply = await server.request(method, path, method === "PATCH" ? { body: {} } : {});
        assert.equal(reply.status, 404, `${method} ${path}`);
        assert.deepEqual(reply.body, NOT_FOUND);
      }
    });
  });
}
