// PATCH business rules (email re-check, address reset, write-once external id, no team downgrade, tax id re-validation), the `type` enum and
// modified_at behaviour.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BUSINESS, SCHEMA, assert422, detail } from "../../../../../test/support/expect.js";
import { unique, type TestServer } from "../../../../../test/support/server.js";
import type { GetServer } from "../../../../../test/support/contract.js";

const EMAIL_TAKEN = "A customer with this email address already exists.";
const EXTERNAL_TAKEN = "A customer with this external ID already exists.";
const EXTERNAL_LOCKED = "Customer external ID cannot be updated.";
const DOWNGRADE = "Customer type cannot be downgraded from 'team' to 'individual'.";
const ADDRESS_NULL = "Customer billing address cannot be reset to null once set.";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function updateValidationCases(get: GetServer): void {
  describe("PATCH business rules (§4.4)", () => {
    const patch = (server: TestServer, id: string, body: unknown) => server.request("PATCH", `/v1/customers/${id}`, { body });

    it("a. email: case-only change is a no-op, a new email resets email_verified, a taken one conflicts, null is ignored", async () => {
      const server = get();
      const email = `${unique("mail")}@example.com`;
      const customer = await server.createCustomer({ email });
      await server.storage.customers.update(customer.id, { emailVerified: true });
      const sameIgnoringCase = await patch(server, customer.id, { email: email.toUpperCase() });
      assert.equal(sameIgnoringCase.status, 200, sameIgnoringCase.text);
      assert.deepEqual([sameIgnoringCase.body.email, sameIgnoringCase.body.email_verified], [email, true]);
      const asNull = await patch(server, customer.id, { email: null });
      assert.deepEqual([asNull.status, asNull.body.email, asNull.body.email_verified], [200, email, true]);

      const other = await server.createCustomer({ email: `${unique("Other")}@example.com` });
      const conflicting = other.email.toLowerCase().replace("@example.com", "@EXAMPLE.com");
      assert422(await patch(server, customer.id, { email: conflicting }), BUSINESS, [
        detail("value_error", ["body", "email"], EMAIL_TAKEN, other.email.toLowerCase()),
      ]);

      const fresh = `New.${unique("m")}@Example.com`;
      const changed = await patch(server, customer.id, { email: fresh });
      assert.deepEqual([changed.body.email, changed.body.email_verified], [fresh.replace("@Example.com", "@example.com"), false]);
      // The old address is free again.
      assert.equal((await server.request("POST", "/v1/customers/", { body: { email } })).status, 201);
    });

    it("b. billing_address: null is always rejected, even when none is stored", async () => {
      const server = get();
      const bare = await server.createCustomer();
      const withAddress = await server.createCustomer({ billing_address: { country: "FR" } });
      for (const customer of [bare, withAddress]) {
        assert422(await patch(server, customer.id, { billing_address: null }), BUSINESS, [
          detail("value_error", ["body", "billing_address"], ADDRESS_NULL, null),
        ]);
      }
      const replaced = await patch(server, withAddress.id, { billing_address: { country: "US", state: "NY", city: "NYC" } });
      assert.deepEqual(replaced.body.billing_address, {
        line1: null,
        line2: null,
        postal_code: null,
        city: "NYC",
        state: "US-NY",
        country: "US",
      });
    });

    it("c. external_id is write-once: set once from null, never changed or cleared", async () => {
      const server = get();
      const taken = unique("ext_");
      await server.createCustomer({ external_id: taken });
      const customer = await server.createCustomer();
      for (const same of [null, "", "  "]) {
        const noop = await patch(server, customer.id, { external_id: same });
        assert.deepEqual([noop.status, noop.body.external_id], [200, null]);
      }
      assert422(await patch(server, customer.id, { external_id: taken }), BUSINESS, [
        detail("value_error", ["body", "external_id"], EXTERNAL_TAKEN, taken),
      ]);
      const mine = unique("ext_");
      const set = await patch(server, customer.id, { external_id: ` ${mine} ` });
      assert.deepEqual([set.status, set.body.external_id], [200, mine]);
      const again = await patch(server, customer.id, { external_id: mine });
      assert.deepEqual([again.status, again.body.external_id], [200, mine]);
      for (const [sent, input] of [
        ["other", "other"],
        [mine.toUpperCase(), mine.toUpperCase()],
        [null, null],
        ["", null],
        [taken, taken],
      ]) {
        assert422(await patch(server, customer.id, { external_id: sent }), BUSINESS, [
          detail("value_error", ["body", "external_id"], EXTERNAL_LOCKED, input),
        ]);
      }
      assert.equal((await server.request("GET", `/v1/customers/external/${mine}`)).body.id, customer.id);
    });

    it("d. type: individual → team upgrades, team never downgrades, other values are an enum error", async () => {
      const server = get();
      const customer = await server.createCustomer();
      const stays = await patch(server, customer.id, { type: null });
      assert.deepEqual([stays.status, stays.body.type], [200, "individual"]);
      const upgraded = await patch(server, customer.id, { type: "team" });
      assert.deepEqual([upgraded.status, upgraded.body.type], [200, "team"]);
      for (const sent of ["individual", null]) {
        assert422(await patch(server, customer.id, { type: sent }), BUSINESS, [detail("value_error", ["body", "type"], DOWNGRADE, sent)]);
      }
      assert.equal((await patch(server, customer.id, { type: "team" })).status, 200);
      assert422(await patch(server, customer.id, { type: "business" }), SCHEMA, [
        detail("enum", ["body", "type"], "Input should be 'individual' or 'team'", "business", { expected: "'individual' or 'team'" }),
      ]);
    });

    it("errors a–d are collected in order; tax id errors (e) only come afterwards", async () => {
      const server = get();
      const other = await server.createCustomer();
      const customer = await server.createCustomer({ type: "team", external_id: unique("ext_") });
      const body = { tax_id: "INVALID", type: "individual", external_id: "changed", billing_address: null, email: other.email };
      assert422(await patch(server, customer.id, body), BUSINESS, [
        detail("value_error", ["body", "email"], EMAIL_TAKEN, other.email),
        detail("value_error", ["body", "billing_address"], ADDRESS_NULL, null),
        detail("value_error", ["body", "external_id"], EXTERNAL_LOCKED, "changed"),
        detail("value_error", ["body", "type"], DOWNGRADE, "individual"),
      ]);
      assert422(await patch(server, customer.id, { tax_id: "INVALID", billing_address: { country: "FR" } }), BUSINESS, [
        detail("invalid", ["body", "tax_id"], "Invalid tax ID.", "INVALID"),
      ]);
      assert.deepEqual((await server.request("GET", `/v1/customers/${customer.id}`)).body, customer);
    });

    it("e. tax_id: validated against the sent address, else the stored one; null/blank clears", async () => {
      const server = get();
      const customer = await server.createCustomer();
      assert422(await patch(server, customer.id, { tax_id: "FR61954506077" }), BUSINESS, [
        detail("missing", ["body", "billing_address"], "Country is required to validate tax ID.", null),
      ]);
      const withSent = await patch(server, customer.id, { tax_id: "fr 61954506077", billing_address: { country: "FR" } });
      assert.deepEqual(withSent.body.tax_id, ["FR61954506077", "eu_vat"]);
      const withStored = await patch(server, customer.id, { tax_id: "DE114103379" });
      assert.deepEqual(withStored.body.tax_id, ["DE114103379", "eu_vat"]);
      assert422(await patch(server, customer.id, { tax_id: " 91-1144442 " }), BUSINESS, [
        detail("invalid", ["body", "tax_id"], "Invalid tax ID.", "91-1144442"),
      ]);
      const us = await patch(server, customer.id, { tax_id: "91-1144442", billing_address: { country: "US" } });
      assert.deepEqual(us.body.tax_id, ["911144442", "us_ein"]);
      for (const clear of [null, "   "]) {
        await patch(server, customer.id, { tax_id: "91-1144442" });
        const cleared = await patch(server, customer.id, { tax_id: clear });
        assert.deepEqual([cleared.status, cleared.body.tax_id, cleared.body.billing_address.country], [200, null, "US"]);
      }
      const noAddress = await server.createCustomer();
      assert.equal((await patch(server, noAddress.id, { tax_id: null })).status, 200);
    });

    it("f. a new address revalidates the stored tax id against the new country", async () => {
      const server = get();
      const customer = await server.createCustomer({ tax_id: "DE114103379", billing_address: { country: "DE" } });
      const toFrance = await patch(server, customer.id, { billing_address: { country: "FR", city: "Lyon" } });
      assert.equal(toFrance.status, 200, toFrance.text);
      assert.deepEqual([toFrance.body.tax_id, toFrance.body.billing_address.country], [["DE114103379", "eu_vat"], "FR"]);
      assert422(await patch(server, customer.id, { billing_address: { country: "US" } }), BUSINESS, [
        detail("invalid", ["body", "tax_id"], "Invalid tax ID.", "DE114103379"),
      ]);
      const unchanged = await server.request("GET", `/v1/customers/${customer.id}`);
      assert.equal(unchanged.body.billing_address.country, "FR");
      const gb = await server.createCustomer({ tax_id: "GB980780684", billing_address: { country: "GB" } });
      assert422(await patch(server, gb.id, { billing_address: { country: "FR" } }), BUSINESS, [
        detail("invalid", ["body", "tax_id"], "Invalid tax ID.", "980780684"),
      ]);
      const reset = await patch(server, gb.id, { billing_address: { country: "US" }, tax_id: null });
      assert.deepEqual([reset.status, reset.body.tax_id], [200, null]);
    });

    it("the external-id PATCH applies the same rules a, b, e, f", async () => {
      const server = get();
      const externalId = unique("ext_");
      const other = await server.createCustomer();
      await server.createCustomer({ external_id: externalId, tax_id: "FR61954506077", billing_address: { country: "FR" } });
      const path = `/v1/customers/external/${externalId}`;
      assert422(
        await server.request("PATCH", path, { body: { email: other.email, billing_address: null, type: "bogus", external_id: 1 } }),
        BUSINESS,
        [
          detail("value_error", ["body", "email"], EMAIL_TAKEN, other.email),
          detail("value_error", ["body", "billing_address"], ADDRESS_NULL, null),
        ],
      );
      assert422(await server.request("PATCH", path, { body: { billing_address: { country: "US" } } }), BUSINESS, [
        detail("invalid", ["body", "tax_id"], "Invalid tax ID.", "FR61954506077"),
      ]);
    });

    it("name and locale clear with null; absent fields are untouched", async () => {
      const server = get();
      const customer = await server.createCustomer({ name: "Named", locale: "de", billing_address: { country: "DE" } });
      const reply = await patch(server, customer.id, { name: null, locale: null });
      assert.deepEqual(
        [reply.body.name, reply.body.billing_name, reply.body.locale, reply.body.billing_address.country, reply.body.email],
        [null, null, null, "DE", customer.email],
      );
      const blank = await patch(server, customer.id, { name: "  " });
      assert.equal(blank.body.name, null);
    });

    it("modified_at: null after create, set by every write (same values included), untouched by {} and by rejected PATCHes", async () => {
      const server = get();
      const customer = await server.createCustomer({ name: "Same" });
      assert.equal(customer.modified_at, null);
      const empty = await patch(server, customer.id, {});
      assert.equal(empty.body.modified_at, null);
      assert422(await patch(server, customer.id, { billing_address: null }), BUSINESS, [
        detail("value_error", ["body", "billing_address"], ADDRESS_NULL, null),
      ]);
      const first = await patch(server, customer.id, { name: "Same" });
      assert.notEqual(first.body.modified_at, null);
      assert.ok(Date.parse(first.body.modified_at) >= Date.parse(customer.created_at));
      await sleep(5);
      const second = await patch(server, customer.id, { name: "Same" });
      assert.ok(
        Date.parse(second.body.modified_at) > Date.parse(first.body.modified_at),
        `${second.body.modified_at} > ${first.body.modified_at}`,
      );
      const afterEmpty = await patch(server, customer.id, {});
      assert.equal(afterEmpty.body.modified_at, second.body.modified_at);
      assert.equal((await server.request("GET", `/v1/customers/${customer.id}`)).body.modified_at, second.body.modified_at);
    });
  });
}
