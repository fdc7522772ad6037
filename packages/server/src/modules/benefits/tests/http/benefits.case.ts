// Benefits over HTTP: every type's create and output shape, update, delete,
// exact 422 bodies, tenancy, scopes and the list.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { GetServer } from "../../../../../test/support/contract.js";
import { assert422, detail } from "../../../../../test/support/expect.js";
import {
  INSUFFICIENT_SCOPE,
  MISSING_ID,
  NOT_FOUND,
  NOT_PERMITTED,
  catalogOrg,
  createBenefit,
  createMeter,
  valueError,
} from "../../../../../test/support/catalog.js";

const SCHEMA = "RequestValidationError";
const BUSINESS = "PolarRequestValidationError";
const KEYS = [
  "id",
  "created_at",
  "modified_at",
  "type",
  "description",
  "selectable",
  "deletable",
  "is_deleted",
  "organization_id",
  "metadata",
  "visibility",
  "properties",
];

export function benefitCases(get: GetServer): void {
  describe("benefits: create, get, update, delete", () => {
    it("creates custom, feature_flag and meter_credit benefits with their output shapes", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const meter = await createMeter(server, org.token);
      const custom = await createBenefit(server, org.token, {
        description: "Priority support",
        properties: { note: "Mail us" },
        metadata: { level: 2 },
      });
      assert.deepEqual(Object.keys(custom), [...KEYS, "is_tax_applicable", "visibility_configurable"]);
      assert.deepEqual(
        [
          custom.type,
          custom.description,
          custom.selectable,
          custom.deletable,
          custom.is_deleted,
          custom.visibility,
          custom.properties,
          custom.is_tax_applicable,
          custom.visibility_configurable,
        ],
        ["custom", "Priority support", true, true, false, "public", { note: "Mail us" }, true, true],
      );
      assert.equal(custom.organization_id, org.id);
      assert.deepEqual(custom.metadata, { level: 2 });
      const flag = await createBenefit(server, org.token, {
        type: "feature_flag",
        description: "Beta access",
        properties: { anything: 1 },
      });
      assert.deepEqual(Object.keys(flag), [...KEYS, "visibility_configurable"]);
      assert.deepEqual([flag.visibility, flag.properties], ["private", {}]);
      const credit = await createBenefit(server, org.token, {
        type: "meter_credit",
        description: "1k calls",
        visibility: "draft",
        properties: { units: 1000, rollover: true, meter_id: meter.id },
      });
      assert.deepEqual([credit.visibility, credit.properties], ["draft", { units: 1000, rollover: true, meter_id: meter.id }]);
      for (const benefit of [custom, flag, credit]) {
        const fetched = await server.request("GET", `/v1/benefits/${benefit.id}`, { token: org.token });
        assert.equal(fetched.status, 200);
        assert.deepEqual(fetched.body, benefit);
      }
    });

    it("stores the other types with their documented properties and no side effects", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const github = await createBenefit(server, org.token, {
        type: "github_repository",
        description: "Repo access",
        properties: { repository_owner: "acme", repository_name: "sdk", permission: "pull" },
      });
      assert.deepEqual(
        [github.properties, github.visibility_configurable],
        [{ repository_owner: "acme", repository_name: "sdk", permission: "pull" }, false],
      );
      const files = await createBenefit(server, org.token, {
        type: "downloadables",
        description: "Files",
        properties: { files: [MISSING_ID] },
      });
      assert.deepEqual(files.properties, { archived: {}, files: [MISSING_ID] });
      const keys = await createBenefit(server, org.token, {
        type: "license_keys",
        description: "Keys",
        properties: { prefix: "ACME", expires: { ttl: 1, timeframe: "year" }, limit_usage: 10 },
      });
      assert.deepEqual(keys.properties, { prefix: "ACME", expires: { ttl: 1, timeframe: "year" }, activations: null, limit_usage: 10 });
      const discord = await createBenefit(server, org.token, {
        type: "discord",
        description: "Discord role",
        properties: { guild_token: "tok", role_id: "42", kick_member: false },
      });
      assert.deepEqual(Object.keys(discord.properties), ["guild_id", "role_id", "kick_member", "guild_token"]);
      const slack = await server.request("POST", "/v1/benefits/", {
        token: org.token,
        body: {
          type: "slack_shared_channel",
          description: "Slack",
          properties: { slack_integration_id: MISSING_ID, channel_name_template: "c" },
        },
      });
      assert422(slack, BUSINESS, [
        valueError(["body", "type"], "Slack shared channel benefit is not enabled for this organization.", "slack_shared_channel"),
      ]);
      const visibility = await server.request("POST", "/v1/benefits/", {
        token: org.token,
        body: {
          type: "github_repository",
          description: "Repo",
          visibility: "private",
          properties: { repository_owner: "a", repository_name: "b", permission: "admin" },
        },
      });
      assert422(visibility, BUSINESS, [
        valueError(["body", "visibility"], "Visibility is not configurable for this benefit type and must be public.", "private"),
      ]);
    });

    it("answers schema errors under the type tag and the meter rule", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const other = await catalogOrg(server);
      const foreignMeter = await createMeter(server, other.token);
      const create = (body: unknown) => server.request("POST", "/v1/benefits/", { token: org.token, body });
      assert422(await create({ description: "abc" }), SCHEMA, [
        detail(
          "union_tag_not_found",
          ["body"],
          "Unable to extract tag using discriminator 'type'",
          { description: "abc" },
          { discriminator: "'type'" },
        ),
      ]);
      assert422(await create({ type: "meter_credit", description: "ab", properties: { units: 0, rollover: "maybe" } }), SCHEMA, [
        detail("string_too_short", ["body", "meter_credit", "description"], "String should have at least 3 characters", "ab", {
          min_length: 3,
        }),
        detail("greater_than", ["body", "meter_credit", "properties", "units"], "Input should be greater than 0", 0, { gt: 0 }),
        detail(
          "bool_parsing",
          ["body", "meter_credit", "properties", "rollover"],
          "Input should be a valid boolean, unable to interpret input",
          "maybe",
        ),
        detail("missing", ["body", "meter_credit", "properties", "meter_id"], "Field required", { units: 0, rollover: "maybe" }),
      ]);
      assert422(await create({ type: "custom", description: "x".repeat(43), properties: {} }), SCHEMA, [
        detail("string_too_long", ["body", "custom", "description"], "String should have at most 42 characters", "x".repeat(43), {
          max_length: 42,
        }),
      ]);
      const foreign = await create({
        type: "meter_credit",
        description: "Credits",
        properties: { units: 1, rollover: false, meter_id: foreignMeter.id },
      });
      assert422(foreign, BUSINESS, [valueError(["body", "properties", "meter_id"], "This meter does not exist.", foreignMeter.id)]);
    });

    it("updates only what is sent, keeps the type, and deletes softly", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const meter = await createMeter(server, org.token);
      const credit = await createBenefit(server, org.token, {
        type: "meter_credit",
        description: "Credits",
        metadata: { a: 1 },
        properties: { units: 10, rollover: false, meter_id: meter.id },
      });
      const patch = (body: unknown) => server.request("PATCH", `/v1/benefits/${credit.id}`, { token: org.token, body });
      const updated = await patch({
        type: "meter_credit",
        description: "More credits",
        metadata: { b: 2 },
        properties: { units: 50, rollover: true, meter_id: meter.id },
      });
      assert.equal(updated.status, 200, updated.text);
      assert.deepEqual(
        [updated.body.description, updated.body.metadata, updated.body.properties],
        ["More credits", { b: 2 }, { units: 50, rollover: true, meter_id: meter.id }],
      );
      assert.notEqual(updated.body.modified_at, null);
      const kept = await patch({ type: "meter_credit", description: null, properties: null });
      assert.equal(kept.status, 200);
      assert.equal(kept.body.description, "More credits");
      assert422(await patch({ type: "custom" }), BUSINESS, [
        valueError(["body", "type"], "Benefit type cannot be changed.", "meter_credit"),
      ]);
      const missingType = await patch({ description: "abc" });
      assert.equal(missingType.status, 422);
      assert.deepEqual(
        missingType.body.detail.map((d: any) => d.loc),
        [
          ["body", "BenefitCustomUpdate", "type"],
          ["body", "BenefitDiscordUpdate", "type"],
          ["body", "BenefitGitHubRepositoryUpdate", "type"],
          ["body", "BenefitDownloadablesUpdate", "type"],
          ["body", "BenefitLicenseKeysUpdate", "type"],
          ["body", "BenefitMeterCreditUpdate", "type"],
          ["body", "BenefitFeatureFlagUpdate", "type"],
          ["body", "BenefitSlackSharedChannelUpdate", "type"],
        ],
      );

      assert.equal((await server.request("DELETE", `/v1/benefits/${credit.id}`, { token: org.token })).status, 204);
      assert.deepEqual((await server.request("GET", `/v1/benefits/${credit.id}`, { token: org.token })).body, NOT_FOUND);
      assert.equal((await server.request("DELETE", `/v1/benefits/${credit.id}`, { token: org.token })).status, 404);
      assert.equal((await server.request("GET", "/v1/benefits/", { token: org.token })).body.pagination.total_count, 0);
    });
  });

  describe("benefits: tenancy and scopes", () => {
    it("never shows, changes or deletes another organization's benefit", async () => {
      const server = get();
      const mine = await catalogOrg(server);
      const theirs = await catalogOrg(server);
      const benefit = await createBenefit(server, theirs.token);
      for (const [method, body] of [
        ["GET", undefined],
        ["PATCH", { type: "custom", description: "Stolen" }],
        ["DELETE", undefined],
      ] as const) {
        const reply = await server.request(method, `/v1/benefits/${benefit.id}`, { token: mine.token, body });
        assert.deepEqual([reply.status, reply.body], [404, NOT_FOUND], method);
      }
      assert.equal((await server.request("GET", `/v1/benefits/${benefit.id}`, { token: theirs.token })).body.description, "Support");
    });

    it("checks scopes per endpoint and the manage role", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const benefit = await createBenefit(server, org.token);
      const readOnly = await server.newToken(org.id, ["benefits:read"]);
      for (const [method, path, body] of [
        ["POST", "/v1/benefits/", {}],
        ["PATCH", `/v1/benefits/${benefit.id}`, {}],
        ["DELETE", `/v1/benefits/${benefit.id}`, undefined],
      ] as const) {
        const reply = await server.request(method, path, { token: readOnly, body });
        assert.deepEqual([reply.status, reply.body], [403, INSUFFICIENT_SCOPE], `${method} ${path}`);
        assert.match(reply.headers.get("www-authenticate") ?? "", /scope="benefits:write"/);
      }
      const finance = await server.newUser([[org.id, "finance"]], ["benefits:read", "benefits:write"]);
      assert.equal((await server.request("GET", `/v1/benefits/${benefit.id}`, { token: finance.token })).status, 200);
      for (const [method, body] of [
        ["PATCH", { type: "custom" }],
        ["DELETE", undefined],
      ] as const) {
        const reply = await server.request(method, `/v1/benefits/${benefit.id}`, { token: finance.token, body });
        assert.deepEqual([reply.status, reply.body], [403, NOT_PERMITTED], method);
      }
    });
  });

  describe("benefits: list", () => {
    it("pages, sorts and filters by type, ids, description and metadata", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const a = await createBenefit(server, org.token, { description: "Alpha 100%", metadata: { k: "v" } });
      const b = await createBenefit(server, org.token, { type: "feature_flag", description: "beta" });
      const c = await createBenefit(server, org.token, { description: "Gamma" });
      const ids = async (query: string) => {
        const reply = await server.request("GET", `/v1/benefits/?${query}`, { token: org.token });
        assert.equal(reply.status, 200, `${query}: ${reply.text}`);
        return reply.body.items.map((x: any) => x.id);
      };
      assert.deepEqual(await ids(""), [c.id, b.id, a.id]);
      assert.deepEqual(await ids("sorting=description"), [a.id, c.id, b.id]);
      assert.deepEqual(await ids("sorting=type&sorting=-created_at"), [c.id, a.id, b.id]);
      assert.deepEqual(await ids(`id=${b.id}&id=${a.id}&id=${c.id}&sorting=user_order`), [b.id, a.id, c.id]);
      assert.deepEqual(await ids(`id=${b.id}&id=${a.id}&sorting=-user_order`), [a.id, b.id]);
      assert.deepEqual(await ids(`exclude_id=${b.id}`), [c.id, a.id]);
      assert.deepEqual(await ids("type=feature_flag"), [b.id]);
      assert.deepEqual(await ids("type=custom&type=feature_flag&limit=2&page=2"), [a.id]);
      assert.deepEqual(await ids("query=ALPHA"), [a.id]);
      assert.deepEqual(await ids("query=%25"), [c.id, b.id, a.id], "an unescaped % matches anything, as on Polar");
      assert.deepEqual(await ids("metadata[k]=v"), [a.id]);
      const bad = await server.request("GET", "/v1/benefits/?type=nope", { token: org.token });
      assert.deepEqual(
        bad.body.detail.map((d: any) => [d.type, d.loc]),
        [
          ["enum", ["query", "type", "str-enum[BenefitType]"]],
          ["enum", ["query", "type", "list[str-enum[BenefitType]]", 0]],
        ],
      );
    });
  });
}
