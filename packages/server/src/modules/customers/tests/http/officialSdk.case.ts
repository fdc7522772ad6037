// Polar's own published clients, pointed at our server: the generated 0.49.0
// client (Speakeasy, decodes into camelCase models with Dates) and the 1.0.1
// client for API version 2026-10 (plain JSON, typed error classes).

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Polar } from "polar-sdk-049";
import { ResourceNotFound as ResourceNotFound049 } from "polar-sdk-049/models/errors/resourcenotfound.js";
import { HTTPValidationError as HTTPValidationError049 } from "polar-sdk-049/models/errors/httpvalidationerror.js";
import { createPolar, errors as errors101 } from "polar-sdk-101/2026-10";
import { unique, type Credentials } from "../../../../../test/support/server.js";
import type { GetServer } from "../../../../../test/support/contract.js";

const MISSING_ID = "3f1c2a5e-8b7d-4e6f-9a0b-1c2d3e4f5a6b";

/** Runs `action`, which must reject with an instance of `type`; returns that error. */
async function rejectsWith<T>(action: () => Promise<unknown>, type: abstract new (...args: never[]) => T): Promise<T> {
  try {
    await action();
  } catch (error) {
    assert.ok(error instanceof type, `expected ${type.name}, got ${String(error)}`);
    return error as T;
  }
  assert.fail(`expected ${type.name}, but the call succeeded`);
}

export function officialSdkCases(get: GetServer): void {
  describe("official SDK @polar-sh/sdk 0.49.0", () => {
    const client = (org: Credentials) => new Polar({ accessToken: org.token, serverURL: get().url });

    it("pages through the list with for-await across three pages", async () => {
      const server = get();
      const org = await server.newOrganization();
      const created = new Set<string>();
      for (let i = 0; i < 7; i++) created.add((await server.createCustomer({}, org.token)).id);
      const pages: number[] = [];
      const seen: string[] = [];
      for await (const page of await client(org).customers.list({ limit: 3 })) {
        pages.push(page.result.items.length);
        assert.equal(page.result.pagination.totalCount, 7);
        assert.equal(page.result.pagination.maxPage, 3);
        for (const customer of page.result.items) {
          assert.ok(customer.createdAt instanceof Date);
          assert.equal(customer.organizationId, org.id);
          seen.push(customer.id);
        }
      }
      assert.deepEqual(pages, [3, 3, 1]);
      assert.equal(seen.length, 7);
      assert.deepEqual(new Set(seen), created);
    });

    it("filters the list by email, metadata and sorting as the client encodes them", async () => {
      const server = get();
      const org = await server.newOrganization();
      await server.createCustomer({ email: "b@example.com", metadata: { tier: "gold" } }, org.token);
      await server.createCustomer({ email: "a@example.com", metadata: { tier: "gold" } }, org.token);
      await server.createCustomer({ email: "c@example.com", metadata: { tier: "free" } }, org.token);
      const emails: string[] = [];
      for await (const page of await client(org).customers.list({ metadata: { tier: "gold" }, sorting: ["email"] })) {
        for (const customer of page.result.items) emails.push(customer.email ?? "");
      }
      assert.deepEqual(emails, ["a@example.com", "b@example.com"]);
      const byEmail = await client(org).customers.list({ email: "C@EXAMPLE.COM" });
      assert.deepEqual(
        byEmail.result.items.map((c) => c.email),
        ["c@example.com"],
      );
    });

    it("creates, gets, updates and deletes by id with decoded models", async () => {
      const server = get();
      const org = await server.newOrganization();
      const polar = client(org);
      const externalId = unique("sdk_");
      const created = await polar.customers.create({
        email: "Ada.Lovelace@EXAMPLE.com",
        externalId,
        name: "Ada",
        billingAddress: { country: "FR", city: "Paris", postalCode: "75001" },
        taxId: "FR 61 954 506 077",
        locale: "fr-ca",
        metadata: { plan: "pro", seats: 3, beta: true },
      });
      assert.ok(created.createdAt instanceof Date);
      assert.equal(created.modifiedAt, null);
      assert.equal(created.deletedAt, null);
      assert.equal(created.email, "Ada.Lovelace@example.com");
      assert.equal(created.emailVerified, false);
      assert.equal(created.externalId, externalId);
      assert.equal(created.type, "individual");
      assert.equal(created.name, "Ada");
      assert.equal(created.billingName, "Ada");
      assert.deepEqual(created.billingAddress, {
        line1: null,
        line2: null,
        postalCode: "75001",
        city: "Paris",
        state: null,
        country: "FR",
      });
      assert.deepEqual(created.taxId, ["FR61954506077", "eu_vat"]);
      assert.equal(created.locale, "fr-CA");
      assert.deepEqual(created.metadata, { plan: "pro", seats: 3, beta: true });
      assert.equal(created.organizationId, org.id);
      assert.equal(created.defaultPaymentMethodId, null);
      assert.match(created.avatarUrl ?? "", /^https:\/\/www\.gravatar\.com\/avatar\/[0-9a-f]{64}\?d=404$/);

      // The decoded Date is the instant the server printed.
      const raw = await server.request("GET", `/v1/customers/${created.id}`, { token: org.token });
      assert.equal(created.createdAt.getTime(), Date.parse(raw.body.created_at));

      const fetched = await polar.customers.get({ id: created.id });
      assert.deepEqual(fetched, created);

      const updated = await polar.customers.update({
        id: created.id,
        customerUpdate: { name: "Ada L.", metadata: { plan: "team" }, billingAddress: { country: "DE" } },
      });
      assert.equal(updated.name, "Ada L.");
      assert.deepEqual(updated.metadata, { plan: "team" });
      assert.equal(updated.billingAddress?.country, "DE");
      assert.deepEqual(updated.taxId, ["FR61954506077", "eu_vat"]);
      assert.ok(updated.modifiedAt instanceof Date);
      assert.ok(updated.modifiedAt.getTime() >= created.createdAt.getTime());

      const state = await polar.customers.getState({ id: created.id });
      assert.equal(state.id, created.id);
      assert.ok(state.createdAt instanceof Date);
      assert.deepEqual(state.activeSubscriptions, []);
      assert.deepEqual(state.grantedBenefits, []);
      assert.deepEqual(state.activeMeters, []);

      assert.equal(await polar.customers.delete({ id: created.id }), undefined);
      await rejectsWith(() => polar.customers.get({ id: created.id }), ResourceNotFound049);
      await rejectsWith(() => polar.customers.getExternal({ externalId }), ResourceNotFound049);
    });

    it("gets, updates, reads state and deletes by external id", async () => {
      const server = get();
      const org = await server.newOrganization();
      const polar = client(org);
      const externalId = unique("sdk ext é?");
      const created = await polar.customers.create({ email: `${unique("x")}@example.com`, externalId });
      const fetched = await polar.customers.getExternal({ externalId });
      assert.equal(fetched.id, created.id);

      const updated = await polar.customers.updateExternal({
        externalId,
        customerUpdateExternalID: { locale: "en_us", billingAddress: { country: "US", state: "CA" } },
      });
      assert.equal(updated.id, created.id);
      assert.equal(updated.locale, "en-US");
      assert.deepEqual(updated.billingAddress, { line1: null, line2: null, postalCode: null, city: null, state: "US-CA", country: "US" });

      const state = await polar.customers.getStateExternal({ externalId });
      assert.equal(state.id, created.id);
      assert.equal(state.externalId, externalId);
      assert.deepEqual([state.activeSubscriptions, state.grantedBenefits, state.activeMeters], [[], [], []]);

      await polar.customers.deleteExternal({ externalId, anonymize: true });
      await rejectsWith(() => polar.customers.getStateExternal({ externalId }), ResourceNotFound049);
      await rejectsWith(() => polar.customers.getState({ id: created.id }), ResourceNotFound049);
    });

    it("decodes a team customer without email", async () => {
      const server = get();
      const org = await server.newOrganization();
      const team = await client(org).customers.create({
        type: "team",
        email: null,
        owner: { email: `${unique("owner")}@example.com` },
        name: "Team",
      });
      assert.equal(team.type, "team");
      assert.equal(team.email, null);
      assert.equal(team.avatarUrl, null);
    });

    it("raises ResourceNotFound for a missing customer", async () => {
      const polar = client(get().org);
      for (const call of [
        () => polar.customers.get({ id: MISSING_ID }),
        () => polar.customers.update({ id: MISSING_ID, customerUpdate: {} }),
        () => polar.customers.delete({ id: MISSING_ID }),
        () => polar.customers.getState({ id: MISSING_ID }),
        () => polar.customers.getExternal({ externalId: "nobody-here" }),
        () => polar.customers.updateExternal({ externalId: "nobody-here", customerUpdateExternalID: {} }),
        () => polar.customers.deleteExternal({ externalId: "nobody-here" }),
        () => polar.customers.getStateExternal({ externalId: "nobody-here" }),
      ]) {
        const error = await rejectsWith(call, ResourceNotFound049);
        assert.equal(error.statusCode, 404);
        assert.equal(error.error, "ResourceNotFound");
        assert.equal(error.detail, "Not found");
      }
    });

    it("raises HTTPValidationError for a bad create, a duplicate and a bad list query", async () => {
      const server = get();
      const org = await server.newOrganization();
      const polar = client(org);
      const bad = await rejectsWith(() => polar.customers.create({ email: "not-an-email" }), HTTPValidationError049);
      assert.equal(bad.statusCode, 422);
      assert.deepEqual(
        bad.detail?.map((d) => [d.type, d.loc]),
        [["value_error", ["body", "individual", "email"]]],
      );
      assert.equal(bad.detail?.[0]?.msg, "value is not a valid email address: An email address must have an @-sign.");

      const email = `${unique("dup")}@example.com`;
      await polar.customers.create({ email });
      const dup = await rejectsWith(() => polar.customers.create({ email: email.toUpperCase() }), HTTPValidationError049);
      assert.deepEqual(
        dup.detail?.map((d) => [d.type, d.loc, d.msg]),
        [["value_error", ["body", "email"], "A customer with this email address already exists."]],
      );

      const badId = await rejectsWith(() => polar.customers.get({ id: "not-a-uuid" }), HTTPValidationError049);
      assert.deepEqual(badId.detail?.[0]?.loc, ["path", "id"]);

      const badPage = await rejectsWith(() => polar.customers.list({ page: 0 }), HTTPValidationError049);
      assert.deepEqual(badPage.detail?.[0]?.loc, ["query", "page"]);
    });
  });

  describe("official SDK @polar-sh/sdk 1.0.1 (API 2026-10)", () => {
    const client = (org: Credentials) => createPolar({ accessToken: org.token, baseUrl: get().url });

    it("answers the 2026-10 version the client sends", async () => {
      const reply = await get().request("GET", "/v1/customers/?limit=1", { headers: { "polar-version": "2026-10" } });
      assert.equal(reply.status, 200);
      assert.equal(reply.headers.get("polar-version"), "2026-10");
    });

    it("lists with paging (list and iterList), filters and sorting", async () => {
      const server = get();
      const org = await server.newOrganization();
      const emails = ["d@example.com", "a@example.com", "c@example.com", "b@example.com", "e@example.com"];
      for (const [i, email] of emails.entries()) await server.createCustomer({ email, metadata: { even: i % 2 === 0 } }, org.token);
      const polar = client(org);

      const first = await polar.customers.list({ limit: 2, sorting: ["email"] });
      assert.deepEqual(first.pagination, { total_count: 5, max_page: 3 });
      assert.deepEqual(
        first.items.map((c) => c.email),
        ["a@example.com", "b@example.com"],
      );
      const last = await polar.customers.list({ limit: 2, page: 3, sorting: ["email"] });
      assert.deepEqual(
        last.items.map((c) => c.email),
        ["e@example.com"],
      );

      const all: string[] = [];
      for await (const customer of polar.customers.iterList({ limit: 2, sorting: ["-email"] })) all.push(customer.email ?? "");
      assert.deepEqual(all, [...emails].sort().reverse());

      const even = await polar.customers.list({ metadata: { even: "true" }, sorting: ["email"] });
      assert.deepEqual(
        even.items.map((c) => c.email),
        ["c@example.com", "d@example.com", "e@example.com"],
      );
      const query = await polar.customers.list({ query: "B@EX" });
      assert.deepEqual(
        query.items.map((c) => c.email),
        ["b@example.com"],
      );
      const scoped = await polar.customers.list({ organization_id: [org.id, MISSING_ID], email: "a@example.com" });
      assert.equal(scoped.pagination.total_count, 1);
    });

    it("runs create, get, update, state and delete by id", async () => {
      const server = get();
      const org = await server.newOrganization();
      const polar = client(org);
      const created = await polar.customers.create({
        email: "grace@EXAMPLE.com",
        name: "Grace",
        billing_address: { country: "US", state: "NY" },
        tax_id: "12-3456789",
        metadata: { n: 1.5 },
      });
      assert.equal(created.email, "grace@example.com");
      assert.equal(created.organization_id, org.id);
      assert.deepEqual(created.tax_id, ["123456789", "us_ein"]);
      assert.deepEqual(created.billing_address, { line1: null, line2: null, postal_code: null, city: null, state: "US-NY", country: "US" });
      assert.deepEqual(created.metadata, { n: 1.5 });

      assert.deepEqual(await polar.customers.get(created.id), created);
      const updated = await polar.customers.update(created.id, { email: "grace.h@example.com", type: "team" });
      assert.equal(updated.email, "grace.h@example.com");
      assert.equal(updated.type, "team");
      assert.notEqual(updated.modified_at, null);

      const state = await polar.customers.getState(created.id);
      assert.deepEqual(state, { ...updated, active_subscriptions: [], granted_benefits: [], active_meters: [] });

      assert.equal(await polar.customers.delete(created.id, { anonymize: true }), undefined);
      await rejectsWith(() => polar.customers.get(created.id), errors101.ResourceNotFound);
    });

    it("runs getExternal, updateExternal, getStateExternal and deleteExternal", async () => {
      const server = get();
      const org = await server.newOrganization();
      const polar = client(org);
      const externalId = unique("ext 101 ?#");
      const created = await polar.customers.create({ email: `${unique("e")}@example.com`, external_id: externalId });
      assert.equal((await polar.customers.getExternal(externalId)).id, created.id);
      const updated = await polar.customers.updateExternal(externalId, { name: "Renamed", locale: "pt-br" });
      assert.equal(updated.name, "Renamed");
      assert.equal(updated.locale, "pt-BR");
      const state = await polar.customers.getStateExternal(externalId);
      assert.equal(state.external_id, externalId);
      assert.deepEqual(state.active_meters, []);
      assert.equal(await polar.customers.deleteExternal(externalId), undefined);
      await rejectsWith(() => polar.customers.getExternal(externalId), errors101.ResourceNotFound);
      // The external id is free again.
      const again = await polar.customers.create({ email: `${unique("e")}@example.com`, external_id: externalId });
      assert.notEqual(again.id, created.id);
    });

    it("throws ResourceNotFound for 404 and HTTPValidationError for 422", async () => {
      const server = get();
      const org = await server.newOrganization();
      const polar = client(org);
      for (const call of [
        () => polar.customers.get(MISSING_ID),
        () => polar.customers.update(MISSING_ID, {}),
        () => polar.customers.delete(MISSING_ID),
        () => polar.customers.getState(MISSING_ID),
        () => polar.customers.getExternal("nobody-here"),
        () => polar.customers.updateExternal("nobody-here", {}),
        () => polar.customers.deleteExternal("nobody-here"),
        () => polar.customers.getStateExternal("nobody-here"),
      ]) {
        const error = await rejectsWith(call, errors101.ResourceNotFound);
        assert.equal(error.statusCode, 404);
        assert.deepEqual(error.error, { error: "ResourceNotFound", detail: "Not found" });
      }
      const bad = await rejectsWith(() => polar.customers.create({ email: "x@y", metadata: { "": "v" } }), errors101.HTTPValidationError);
      assert.equal(bad.statusCode, 422);
      const body = bad.error as unknown as { error: string; detail: { loc: unknown[] }[] };
      assert.equal(body.error, "RequestValidationError");
      assert.deepEqual(body.detail.map((d) => JSON.stringify(d.loc)).sort(), [
        JSON.stringify(["body", "individual", "email"]),
        JSON.stringify(["body", "individual", "metadata", "", "[key]"]),
      ]);

      const created = await polar.customers.create({ email: `${unique("w")}@example.com`, external_id: "once" });
      const writeOnce = await rejectsWith(
        () => polar.customers.update(created.id, { external_id: "twice" }),
        errors101.HTTPValidationError,
      );
      assert.deepEqual(writeOnce.error, {
        error: "PolarRequestValidationError",
        detail: [{ type: "value_error", loc: ["body", "external_id"], msg: "Customer external ID cannot be updated.", input: "twice" }],
      });
      const badSort = await rejectsWith(() => polar.customers.list({ sorting: ["bogus" as "email"] }), errors101.HTTPValidationError);
      assert.equal(badSort.statusCode, 422);
    });
  });
}
