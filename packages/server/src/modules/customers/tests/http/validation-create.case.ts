// Create-only rules: the `type` union, team customers, organization_id
// resolution, uniqueness and tax IDs, in the order Polar checks them.

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { BUSINESS, SCHEMA, assert422, detail, stringType } from "../../../../../test/support/expect.js";
import { unique } from "../../../../../test/support/server.js";
import type { GetServer } from "../../../../../test/support/contract.js";

const TAG_CTX = { discriminator: "_customer_create_type()", expected_tags: "'individual', 'team'" };
const tagError = (rendered: string, input: unknown) =>
  detail(
    "union_tag_invalid",
    ["body"],
    `Input tag '${rendered}' found using _customer_create_type() does not match any of the expected tags: 'individual', 'team'`,
    input,
    { ...TAG_CTX, tag: rendered },
  );

export function createValidationCases(get: GetServer): void {
  describe("create: union tag, team, organization, uniqueness, tax id", () => {
    const post = (body: unknown, token?: string) => get().request("POST", "/v1/customers/", { body, token });

    it("a missing type selects individual; individual/team select their variant", async () => {
      const implicit = await post({ email: `${unique("t")}@example.com` });
      assert.equal(implicit.status, 201, implicit.text);
      assert.equal(implicit.body.type, "individual");
      const team = await post({ type: "team", email: `${unique("t")}@example.com` });
      assert.equal(team.status, 201, team.text);
      assert.equal(team.body.type, "team");
      const body = { type: "individual" };
      assert422(await post(body), SCHEMA, [detail("missing", ["body", "individual", "email"], "Field required", body)]);
    });

    it("any other tag is union_tag_invalid, rendered with Python's str()", async () => {
      const cases: [unknown, string][] = [
        [null, "None"],
        [1, "1"],
        [1.5, "1.5"],
        [true, "True"],
        ["Team", "Team"],
        ["", ""],
      ];
      for (const [tag, rendered] of cases) {
        const body = { type: tag, email: "x@example.com" };
        assert422(await post(body), SCHEMA, [tagError(rendered, body)]);
      }
    });

    it("individual: email is required and not nullable; errors nest under the tag", async () => {
      const body = { name: "No Email" };
      assert422(await post(body), SCHEMA, [detail("missing", ["body", "individual", "email"], "Field required", body)]);
      assert422(await post({ email: null }), SCHEMA, [stringType(["body", "individual", "email"], null)]);
      const both = { name: 7, email: "bad" };
      assert422(await post(both), SCHEMA, [
        stringType(["body", "individual", "name"], 7),
        detail(
          "value_error",
          ["body", "individual", "email"],
          "value is not a valid email address: An email address must have an @-sign.",
          "bad",
          {
            reason: "An email address must have an @-sign.",
          },
        ),
      ]);
    });

    it("team: needs an email or an owner with an email", async () => {
      for (const body of [{ type: "team" }, { type: "team", email: null, owner: null }]) {
        assert422(await post(body), SCHEMA, [
          detail(
            "value_error",
            ["body", "team"],
            "Value error, An owner with an email address is required when creating a team customer without an email.",
            body,
            {
              error: {},
            },
          ),
        ]);
      }
      const owner = {};
      assert422(await post({ type: "team", owner }), SCHEMA, [
        detail("missing", ["body", "team", "owner", "email"], "Field required", owner),
      ]);
      assert422(await post({ type: "team", owner: { email: "nope" } }), SCHEMA, [
        detail(
          "value_error",
          ["body", "team", "owner", "email"],
          "value is not a valid email address: An email address must have an @-sign.",
          "nope",
          {
            reason: "An email address must have an @-sign.",
          },
        ),
      ]);
      const ok = await post({ type: "team", owner: { email: `${unique("o")}@example.com` }, name: "Acme" });
      assert.equal(ok.status, 201, ok.text);
      assert.deepEqual([ok.body.type, ok.body.email, ok.body.avatar_url], ["team", null, null]);
    });

    it("organization token: organization_id must be absent or null", async () => {
      const server = get();
      const ok = await post({ email: `${unique("o")}@example.com`, organization_id: null });
      assert.equal(ok.status, 201, ok.text);
      assert.equal(ok.body.organization_id, server.org.id);
      for (const id of [server.org.id, (await server.newOrganization()).id]) {
        assert422(await post({ email: `${unique("o")}@example.com`, organization_id: id }), BUSINESS, [
          detail(
            "organization_token",
            ["body", "organization_id"],
            "Setting organization_id is disallowed when using an organization token.",
            id,
          ),
        ]);
      }
      assert422(await post({ email: "a@example.com", organization_id: "nope" }), SCHEMA, [
        detail(
          "uuid_parsing",
          ["body", "individual", "organization_id"],
          "Input should be a valid UUID, invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `n` at 1",
          "nope",
          {
            error: "invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `n` at 1",
          },
        ),
      ]);
    });

    it("user token: organization_id is required and must be one of the user's organizations", async () => {
      const server = get();
      const mine = await server.newOrganization();
      const other = await server.newOrganization();
      const user = await server.newUser([[mine.id, "member"]]);
      assert422(await post({ email: `${unique("u")}@example.com` }, user.token), BUSINESS, [
        detail("missing", ["body", "organization_id"], "organization_id is required.", null),
      ]);
      const unknown = "0b6a4e0a-7d8c-4c5e-9a64-4b9f4b5ad111";
      for (const id of [other.id, unknown]) {
        assert422(await post({ email: `${unique("u")}@example.com`, organization_id: id }, user.token), BUSINESS, [
          detail("value_error", ["body", "organization_id"], "Organization not found.", id),
        ]);
      }
      const ok = await post({ email: `${unique("u")}@example.com`, organization_id: mine.id.toUpperCase() }, user.token);
      assert.equal(ok.status, 201, ok.text);
      assert.equal(ok.body.organization_id, mine.id);
    });

    it("uniqueness: email (case-insensitive) and external_id (exact) reported together, email first", async () => {
      const org = await get().newOrganization();
      const email = `${unique("Dup")}@example.com`;
      const externalId = unique("ext_");
      await get().createCustomer({ email, external_id: externalId }, org.token);
      const upper = email.toUpperCase();
      const normalised = upper.replace("@EXAMPLE.COM", "@example.com");
      assert422(await post({ email: upper, external_id: externalId }, org.token), BUSINESS, [
        detail("value_error", ["body", "email"], "A customer with this email address already exists.", normalised),
        detail("value_error", ["body", "external_id"], "A customer with this external ID already exists.", externalId),
      ]);
      assert422(await post({ email: `${unique("n")}@example.com`, external_id: ` ${externalId} ` }, org.token), BUSINESS, [
        detail("value_error", ["body", "external_id"], "A customer with this external ID already exists.", externalId),
      ]);
      const otherCase = await post({ email: `${unique("n")}@example.com`, external_id: externalId.toUpperCase() }, org.token);
      assert.equal(otherCase.status, 201, otherCase.text);
      // Uniqueness is checked before the tax id.
      assert422(await post({ email, tax_id: "FR61954506077" }, org.token), BUSINESS, [
        detail("value_error", ["body", "email"], "A customer with this email address already exists.", email),
      ]);
      // Other organizations are unaffected.
      assert.equal((await post({ email, external_id: externalId })).status, 201);
    });

    it("tax id: needs a billing address, must be valid for its country, blank means none", async () => {
      const email = () => `${unique("tax")}@example.com`;
      assert422(await post({ email: email(), tax_id: "FR61954506077" }), BUSINESS, [
        detail("missing", ["body", "billing_address"], "Country is required to validate tax ID.", null),
      ]);
      for (const [country, taxId, input] of [
        ["FR", " INVALID ", "INVALID"],
        ["FR", "61954506077", "61954506077"],
        ["DE", "DE123456789", "DE123456789"],
        ["US", "FR61954506077", "FR61954506077"],
        ["GB", "GB123", "GB123"],
        ["NZ", "123456789", "123456789"],
        ["ZA", "4123456789", "4123456789"],
      ]) {
        assert422(await post({ email: email(), tax_id: taxId, billing_address: { country } }), BUSINESS, [
          detail("invalid", ["body", "tax_id"], "Invalid tax ID.", input),
        ]);
      }
      const blank = await post({ email: email(), tax_id: "   " });
      assert.equal(blank.status, 201, blank.text);
      assert.equal(blank.body.tax_id, null);
      assert422(await post({ email: email(), tax_id: 5 }), SCHEMA, [stringType(["body", "individual", "tax_id"], 5)]);
    });

    it("tax id: normalised to [compact value, format]", async () => {
      const cases: [string, string, [string, string]][] = [
        ["FR", "FR61954506077", ["FR61954506077", "eu_vat"]],
        ["FR", "FR 61 954 506 077", ["FR61954506077", "eu_vat"]],
        ["FR", "fr61954506077", ["FR61954506077", "eu_vat"]],
        ["FR", "FR00300076965", ["FR00300076965", "eu_vat"]],
        ["DE", "DE114103379", ["DE114103379", "eu_vat"]],
        ["FR", "DE114103379", ["DE114103379", "eu_vat"]],
        ["BE", "BE697449992", ["BE0697449992", "eu_vat"]],
        ["US", "91-1144442", ["911144442", "us_ein"]],
        ["GB", "GB980780684", ["980780684", "gb_vat"]],
        ["AU", "51824753556", ["51824753556", "au_abn"]],
        ["CH", "CHE116281710", ["CHE116281710", "ch_uid"]],
        ["CH", "CHE-116.281.710 MWST", ["CHE116281710MWST", "ch_vat"]],
        ["CA", "12302 6635", ["123026635", "ca_bn"]],
        ["CA", "12302 6635 RC 0001", ["123026635RC0001", "ca_gst_hst"]],
      ];
      for (const [country, taxId, stored] of cases) {
        const reply = await post({ email: `${unique("tax")}@example.com`, tax_id: taxId, billing_address: { country } });
        assert.equal(reply.status, 201, `${country} ${taxId}: ${reply.text}`);
        assert.deepEqual(reply.body.tax_id, stored, `${country} ${taxId}`);
      }
    });
  });
}
