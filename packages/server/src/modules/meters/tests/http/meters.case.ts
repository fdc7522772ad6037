// Meters over HTTP: create/get/update/archive, exact 422 bodies, tenancy,
// scopes and roles, and the list's paging, sorting and filters.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { GetServer } from "../../../../../test/support/contract.js";
import { assert422, detail } from "../../../../../test/support/expect.js";
import {
  COUNT_FILTER,
  INSUFFICIENT_SCOPE,
  MISSING_ID,
  NOT_FOUND,
  NOT_PERMITTED,
  business,
  catalogOrg,
  createBenefit,
  createMeter,
  createProduct,
  valueError,
} from "../../../../../test/support/catalog.js";

const SCHEMA = "RequestValidationError";

export function meterCases(get: GetServer): void {
  describe("meters: create, get, update", () => {
    it("creates a meter with every field and reads it back identically", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const filter = {
        conjunction: "or",
        clauses: [
          { property: "name", operator: "eq", value: "completion" },
          {
            conjunction: "and",
            clauses: [
              { property: "metadata.model", operator: "like", value: "gpt" },
              { property: "tokens", operator: "gte", value: 10 },
              { property: "beta", operator: "ne", value: true },
            ],
          },
        ],
      };
      const reply = await server.request("POST", "/v1/meters/", {
        token: org.token,
        body: {
          name: "Tokens",
          unit: "custom",
          custom_label: "token",
          custom_multiplier: 1000,
          filter,
          aggregation: { func: "sum", property: "metadata._llm.total_tokens" },
          metadata: { team: "ai" },
        },
      });
      assert.equal(reply.status, 201, reply.text);
      const meter = reply.body;
      assert.deepEqual(Object.keys(meter), [
        "metadata",
        "created_at",
        "modified_at",
        "id",
        "name",
        "unit",
        "custom_label",
        "custom_multiplier",
        "filter",
        "aggregation",
        "organization_id",
        "archived_at",
      ]);
      assert.equal(meter.name, "Tokens");
      assert.equal(meter.unit, "custom");
      assert.equal(meter.custom_label, "token");
      assert.equal(meter.custom_multiplier, 1000);
      // `metadata.` prefixes are stripped from clause properties and aggregation properties.
      assert.equal(meter.filter.clauses[1].clauses[0].property, "model");
      assert.deepEqual(meter.filter.clauses[1].clauses[1], { property: "tokens", operator: "gte", value: 10 });
      assert.deepEqual(meter.filter.clauses[1].clauses[2], { property: "beta", operator: "ne", value: true });
      assert.deepEqual(meter.aggregation, { func: "sum", property: "_llm.total_tokens" });
      assert.equal(meter.organization_id, org.id);
      assert.equal(meter.archived_at, null);
      assert.equal(meter.modified_at, null);
      assert.deepEqual(meter.metadata, { team: "ai" });
      const fetched = await server.request("GET", `/v1/meters/${meter.id}`, { token: org.token });
      assert.equal(fetched.status, 200);
      assert.deepEqual(fetched.body, meter);
    });

    it("accepts every aggregation function and defaults the unit to scalar", async () => {
      const server = get();
      const org = await catalogOrg(server);
      for (const aggregation of [
        { func: "count" },
        { func: "sum", property: "n" },
        { func: "max", property: "n" },
        { func: "min", property: "n" },
        { func: "avg", property: "timestamp" },
        { func: "unique", property: "user" },
      ]) {
        const meter = await createMeter(server, org.token, { aggregation });
        assert.deepEqual(meter.aggregation, aggregation);
        assert.equal(meter.unit, "scalar");
      }
      const empty = await createMeter(server, org.token, { filter: { conjunction: "and", clauses: [] } });
      assert.deepEqual(empty.filter, { conjunction: "and", clauses: [] });
    });

    it("updates fields, replaces metadata, treats nulls as no-ops, archives and unarchives", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const meter = await createMeter(server, org.token, { metadata: { a: 1 } });
      const patch = (body: unknown) => server.request("PATCH", `/v1/meters/${meter.id}`, { token: org.token, body });
      const renamed = await patch({ name: "Renamed", metadata: { b: "x" }, aggregation: { func: "max", property: "metadata.latency" } });
      assert.equal(renamed.status, 200, renamed.text);
      assert.equal(renamed.body.name, "Renamed");
      assert.deepEqual(renamed.body.metadata, { b: "x" });
      assert.deepEqual(renamed.body.aggregation, { func: "max", property: "latency" });
      assert.notEqual(renamed.body.modified_at, null);
      const nulls = await patch({ name: null, unit: null, filter: null, aggregation: null, is_archived: null });
      assert.equal(nulls.status, 200);
      assert.equal(nulls.body.name, "Renamed");
      const archived = await patch({ is_archived: true });
      assert.equal(archived.status, 200);
      assert.notEqual(archived.body.archived_at, null);
      // Archived meters stay readable.
      assert.equal(
        (await server.request("GET", `/v1/meters/${meter.id}`, { token: org.token })).body.archived_at,
        archived.body.archived_at,
      );
      const unarchived = await patch({ is_archived: false });
      assert.equal(unarchived.body.archived_at, null);
    });

    it("refuses to archive a meter an active product or benefit still uses", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const meter = await createMeter(server, org.token);
      const product = await createProduct(server, org.token, {
        prices: [
          { amount_type: "fixed", price_amount: 0 },
          { amount_type: "metered_unit", meter_id: meter.id, unit_amount: 0.5 },
        ],
      });
      const archive = () => server.request("PATCH", `/v1/meters/${meter.id}`, { token: org.token, body: { is_archived: true } });
      assert422(await archive(), "PolarRequestValidationError", [
        valueError(["body", "is_archived"], "Cannot archive meter that is still attached to active products", true),
      ]);
      await server.request("PATCH", `/v1/products/${product.id}`, { token: org.token, body: { is_archived: true } });
      const benefit = await createBenefit(server, org.token, {
        type: "meter_credit",
        description: "Credits",
        properties: { units: 10, rollover: false, meter_id: meter.id },
      });
      assert422(await archive(), "PolarRequestValidationError", [
        valueError(["body", "is_archived"], "Cannot archive meter that is still referenced by active benefits", true),
      ]);
      assert.equal((await server.request("DELETE", `/v1/benefits/${benefit.id}`, { token: org.token })).status, 204);
      const archived = await archive();
      assert.equal(archived.status, 200, archived.text);
    });
  });

  describe("meters: validation", () => {
    it("answers schema errors with Pydantic's exact items", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const create = (body: unknown) => server.request("POST", "/v1/meters/", { token: org.token, body });
      assert422(await create({}), SCHEMA, [
        detail("missing", ["body", "name"], "Field required", {}),
        detail("missing", ["body", "filter"], "Field required", {}),
        detail("missing", ["body", "aggregation"], "Field required", {}),
      ]);
      assert422(await create({ name: "ab", filter: COUNT_FILTER, aggregation: { func: "count" } }), SCHEMA, [
        detail("string_too_short", ["body", "name"], "String should have at least 3 characters", "ab", { min_length: 3 }),
      ]);
      assert422(await create({ name: "abc", filter: COUNT_FILTER, aggregation: {} }), SCHEMA, [
        detail(
          "union_tag_not_found",
          ["body", "aggregation"],
          "Unable to extract tag using discriminator 'func'",
          {},
          { discriminator: "'func'" },
        ),
      ]);
      const tags = "'count', 'sum', 'max', 'min', 'avg', 'unique'";
      assert422(await create({ name: "abc", filter: COUNT_FILTER, aggregation: { func: "median" } }), SCHEMA, [
        detail(
          "union_tag_invalid",
          ["body", "aggregation"],
          `Input tag 'median' found using 'func' does not match any of the expected tags: ${tags}`,
          { func: "median" },
          {
            discriminator: "'func'",
            tag: "median",
            expected_tags: tags,
          },
        ),
      ]);
      assert422(await create({ name: "abc", filter: COUNT_FILTER, aggregation: { func: "sum" } }), SCHEMA, [
        detail("missing", ["body", "aggregation", "sum", "property"], "Field required", { func: "sum" }),
      ]);
      const clause = { property: "name", operator: "matches", value: [1] };
      assert422(await create({ name: "abc", filter: { conjunction: "xor", clauses: [clause] }, aggregation: { func: "count" } }), SCHEMA, [
        detail("enum", ["body", "filter", "conjunction"], "Input should be 'and' or 'or'", "xor", { expected: "'and' or 'or'" }),
        detail(
          "enum",
          ["body", "filter", "clauses", 0, "FilterClause", "operator"],
          "Input should be 'eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'like' or 'not_like'",
          "matches",
          {
            expected: "'eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'like' or 'not_like'",
          },
        ),
        detail(
          "string_type",
          ["body", "filter", "clauses", 0, "FilterClause", "value", "constrained-str"],
          "Input should be a valid string",
          [1],
        ),
        detail(
          "int_type",
          ["body", "filter", "clauses", 0, "FilterClause", "value", "constrained-int"],
          "Input should be a valid integer",
          [1],
        ),
        detail("bool_type", ["body", "filter", "clauses", 0, "FilterClause", "value", "bool"], "Input should be a valid boolean", [1]),
        detail("missing", ["body", "filter", "clauses", 0, "Filter", "conjunction"], "Field required", clause),
        detail("missing", ["body", "filter", "clauses", 0, "Filter", "clauses"], "Field required", clause),
      ]);
      assert422(await create({ name: "abc", unit: "custom", filter: COUNT_FILTER, aggregation: { func: "count" } }), SCHEMA, [
        detail(
          "value_error",
          ["body"],
          "Value error, custom_label is required when unit is 'custom'.",
          { name: "abc", unit: "custom", filter: COUNT_FILTER, aggregation: { func: "count" } },
          { error: {} },
        ),
      ]);
      const labelled = { name: "abc", custom_label: "x", filter: COUNT_FILTER, aggregation: { func: "count" } };
      assert422(await create(labelled), SCHEMA, [
        detail(
          "value_error",
          ["body"],
          "Value error, custom_label and custom_multiplier are only allowed when unit is 'custom'.",
          labelled,
          { error: {} },
        ),
      ]);
      assert422(await create({ ...labelled, custom_label: null, custom_multiplier: 0 }), SCHEMA, [
        detail("greater_than", ["body", "custom_multiplier"], "Input should be greater than 0", 0, { gt: 0 }),
      ]);
    });

    it("applies the organization rules of create bodies", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const reply = await server.request("POST", "/v1/meters/", {
        token: org.token,
        body: { name: "abc", filter: COUNT_FILTER, aggregation: { func: "count" }, organization_id: org.id },
      });
      assert422(reply, "PolarRequestValidationError", [
        {
          type: "organization_token",
          loc: ["body", "organization_id"],
          msg: "Setting organization_id is disallowed when using an organization token.",
          input: org.id,
        },
      ]);
      const user = await server.newUser([[org.id, "admin"]], ["meters:write", "meters:read"]);
      const missing = await server.request("POST", "/v1/meters/", {
        token: user.token,
        body: { name: "abc", filter: COUNT_FILTER, aggregation: { func: "count" } },
      });
      assert.deepEqual(
        missing.body,
        business({ type: "missing", loc: ["body", "organization_id"], msg: "organization_id is required.", input: null }),
      );
      const other = await catalogOrg(server);
      const foreign = await server.request("POST", "/v1/meters/", {
        token: user.token,
        body: { name: "abc", filter: COUNT_FILTER, aggregation: { func: "count" }, organization_id: other.id },
      });
      assert.deepEqual(foreign.body, business(valueError(["body", "organization_id"], "Organization not found.", other.id)));
      const ok = await server.request("POST", "/v1/meters/", {
        token: user.token,
        body: { name: "abc", filter: COUNT_FILTER, aggregation: { func: "count" }, organization_id: org.id },
      });
      assert.equal(ok.status, 201, ok.text);
    });
  });

  describe("meters: tenancy, scopes and roles", () => {
    it("never shows or changes another organization's meter", async () => {
      const server = get();
      const mine = await catalogOrg(server);
      const theirs = await catalogOrg(server);
      const meter = await createMeter(server, theirs.token);
      assert.deepEqual((await server.request("GET", `/v1/meters/${meter.id}`, { token: mine.token })).body, NOT_FOUND);
      const patch = await server.request("PATCH", `/v1/meters/${meter.id}`, { token: mine.token, body: { name: "Stolen" } });
      assert.equal(patch.status, 404);
      const list = await server.request("GET", `/v1/meters/?organization_id=${theirs.id}`, { token: mine.token });
      assert.deepEqual(list.body, { items: [], pagination: { total_count: 0, max_page: 0 } });
      assert.equal((await server.request("GET", `/v1/meters/${meter.id}`, { token: theirs.token })).body.name, "API calls");
      assert.equal((await server.request("GET", `/v1/meters/${MISSING_ID}`, { token: mine.token })).status, 404);
    });

    it("checks scopes per endpoint and the manage role for user tokens", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const meter = await createMeter(server, org.token);
      const readOnly = await server.newToken(org.id, ["meters:read"]);
      const none = await server.newToken(org.id, ["customers:read"]);
      for (const [method, path, body] of [
        ["POST", "/v1/meters/", { name: "abc" }],
        ["PATCH", `/v1/meters/${meter.id}`, {}],
      ] as const) {
        const reply = await server.request(method, path, { token: readOnly, body });
        assert.equal(reply.status, 403);
        assert.deepEqual(reply.body, INSUFFICIENT_SCOPE);
      }
      assert.equal((await server.request("GET", `/v1/meters/${meter.id}`, { token: readOnly })).status, 200);
      const denied = await server.request("GET", "/v1/meters/", { token: none });
      assert.equal(denied.status, 403);
      assert.match(denied.headers.get("www-authenticate") ?? "", /scope="meters:read meters:write"/);
      const finance = await server.newUser([[org.id, "finance"]], ["meters:read", "meters:write"]);
      assert.equal((await server.request("GET", `/v1/meters/${meter.id}`, { token: finance.token })).status, 200);
      const forbidden = await server.request("PATCH", `/v1/meters/${meter.id}`, { token: finance.token, body: { name: "Nope" } });
      assert.equal(forbidden.status, 403);
      assert.deepEqual(forbidden.body, NOT_PERMITTED);
      const create = await server.request("POST", "/v1/meters/", {
        token: finance.token,
        body: { name: "abc", filter: COUNT_FILTER, aggregation: { func: "count" }, organization_id: org.id },
      });
      assert.deepEqual(create.body, NOT_PERMITTED);
    });
  });

  describe("meters: list", () => {
    it("pages, sorts by name by default, and filters by query, archived state and metadata", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const names = ["Gamma", "alpha", "Beta_x", "delta"];
      const meters = [];
      for (const [i, name] of names.entries()) meters.push(await createMeter(server, org.token, { name, metadata: { even: i % 2 === 0 } }));
      await server.request("PATCH", `/v1/meters/${meters[3].id}`, { token: org.token, body: { is_archived: true } });
      const list = async (query: string) => {
        const reply = await server.request("GET", `/v1/meters/?${query}`, { token: org.token });
        assert.equal(reply.status, 200, reply.text);
        return reply.body;
      };
      assert.deepEqual(
        (await list("")).items.map((m: any) => m.name),
        ["Beta_x", "Gamma", "alpha", "delta"],
      );
      assert.deepEqual(
        (await list("sorting=-name")).items.map((m: any) => m.name),
        ["delta", "alpha", "Gamma", "Beta_x"],
      );
      assert.deepEqual(
        (await list("sorting=created_at")).items.map((m: any) => m.name),
        names,
      );
      const page = await list("limit=3&page=2&sorting=created_at");
      assert.deepEqual(
        page.items.map((m: any) => m.name),
        ["delta"],
      );
      assert.deepEqual(page.pagination, { total_count: 4, max_page: 2 });
      assert.deepEqual(
        (await list("query=ALP")).items.map((m: any) => m.name),
        ["alpha"],
      );
      // `_` is a wildcard, as on Polar.
      assert.deepEqual(
        (await list("query=a_x")).items.map((m: any) => m.name),
        ["Beta_x"],
      );
      assert.deepEqual(
        (await list("is_archived=true")).items.map((m: any) => m.name),
        ["delta"],
      );
      assert.equal((await list("is_archived=false")).pagination.total_count, 3);
      assert.deepEqual(
        (await list("metadata[even]=true&sorting=created_at")).items.map((m: any) => m.name),
        ["Gamma", "Beta_x"],
      );
      assert.equal((await list(`organization_id=${org.id}`)).pagination.total_count, 4);
    });

    it("rejects bad list parameters with Pydantic's items", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const reply = await server.request("GET", "/v1/meters/?sorting=unit&is_archived=maybe&page=0", { token: org.token });
      assert.equal(reply.status, 422);
      assert.deepEqual(
        reply.body.detail.map((d: any) => [d.type, d.loc]),
        [
          ["greater_than", ["query", "page"]],
          ["enum", ["query", "sorting", 0]],
          ["bool_parsing", ["query", "is_archived"]],
        ],
      );
    });
  });
}
