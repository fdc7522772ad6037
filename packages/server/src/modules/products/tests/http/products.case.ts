// Products over HTTP: create (recurring, one-time, metered), get, update
// (archive, price replacement), set benefits, exact 422 bodies, tenancy and scopes.
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import type { GetServer } from "../../../../../test/support/contract.js";
import { assert422, detail } from "../../../../../test/support/expect.js";
import {
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
const BUSINESS = "PolarRequestValidationError";

const PRODUCT_KEYS = [
  "id",
  "created_at",
  "modified_at",
  "trial_interval",
  "trial_interval_count",
  "name",
  "description",
  "visibility",
  "recurring_interval",
  "recurring_interval_count",
  "meter_interval",
  "meter_interval_count",
  "is_recurring",
  "is_archived",
  "organization_id",
  "metadata",
  "prices",
  "benefits",
  "medias",
  "attached_custom_fields",
];

export function productCases(get: GetServer): void {
  describe("products: create and get", () => {
    it("creates a free recurring product with a metered price on the organization's meter", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const meter = await createMeter(server, org.token, { name: "Tokens" });
      const reply = await server.request("POST", "/v1/products/", {
        token: org.token,
        body: {
          name: "  Free plan ",
          description: "  ",
          recurring_interval: "month",
          metadata: { tier: "free" },
          prices: [
            { amount_type: "metered_unit", meter_id: meter.id, unit_amount: "0.5", cap_amount: 1000 },
            { amount_type: "fixed", price_amount: 0 },
          ],
        },
      });
      assert.equal(reply.status, 201, reply.text);
      const product = reply.body;
      assert.deepEqual(Object.keys(product), PRODUCT_KEYS);
      assert.equal(product.name, "Free plan");
      assert.equal(product.description, null);
      assert.equal(product.visibility, "public");
      assert.equal(product.recurring_interval, "month");
      assert.equal(product.recurring_interval_count, 1);
      assert.equal(product.is_recurring, true);
      assert.equal(product.is_archived, false);
      assert.equal(product.modified_at, null);
      assert.deepEqual([product.benefits, product.medias, product.attached_custom_fields], [[], [], []]);
      // Fixed prices come before metered ones whatever the body's order.
      const [fixed, metered] = product.prices;
      assert.deepEqual(Object.keys(fixed), [
        "created_at",
        "modified_at",
        "id",
        "source",
        "amount_type",
        "price_currency",
        "tax_behavior",
        "is_archived",
        "product_id",
        "price_amount",
        "type",
        "recurring_interval",
      ]);
      assert.deepEqual(
        { ...fixed, created_at: 0, id: 0 },
        {
          created_at: 0,
          modified_at: null,
          id: 0,
          source: "catalog",
          amount_type: "fixed",
          price_currency: "usd",
          tax_behavior: null,
          is_archived: false,
          product_id: product.id,
          price_amount: 0,
          type: "recurring",
          recurring_interval: "month",
        },
      );
      assert.equal(metered.amount_type, "metered_unit");
      assert.equal(metered.unit_amount, "0.500000000000");
      assert.equal(metered.cap_amount, 1000);
      assert.equal(metered.meter_id, meter.id);
      assert.deepEqual(metered.meter, { id: meter.id, name: "Tokens", unit: "scalar", custom_label: null, custom_multiplier: null });
      const fetched = await server.request("GET", `/v1/products/${product.id}`, { token: org.token });
      assert.equal(fetched.status, 200);
      assert.deepEqual(fetched.body, product);
    });

    it("creates one-time products, custom prices, and maps the legacy free price to fixed 0", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const oneTime = await createProduct(server, org.token, {
        recurring_interval: undefined,
        name: "E-book",
        prices: [{ amount_type: "fixed", price_amount: 1500, price_currency: "usd", tax_behavior: "inclusive" }],
      });
      assert.equal(oneTime.is_recurring, false);
      assert.equal(oneTime.recurring_interval, null);
      assert.equal(oneTime.recurring_interval_count, null);
      assert.deepEqual(
        [oneTime.prices[0].price_amount, oneTime.prices[0].tax_behavior, oneTime.prices[0].type, oneTime.prices[0].recurring_interval],
        [1500, "inclusive", "one_time", null],
      );
      const custom = await createProduct(server, org.token, {
        recurring_interval: null,
        prices: [{ amount_type: "custom", preset_amount: 1000 }],
      });
      assert.deepEqual(
        [custom.prices[0].minimum_amount, custom.prices[0].maximum_amount, custom.prices[0].preset_amount],
        [50, null, 1000],
      );
      const free = await createProduct(server, org.token, {
        recurring_interval: "year",
        recurring_interval_count: 2,
        trial_interval: "day",
        trial_interval_count: 7,
        prices: [{ amount_type: "free" }],
      });
      assert.equal(free.prices[0].amount_type, "fixed");
      assert.equal(free.prices[0].price_amount, 0);
      assert.deepEqual([free.recurring_interval_count, free.trial_interval, free.trial_interval_count], [2, "day", 7]);
    });

    it("answers schema errors under the variant and price tags", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const create = (body: unknown) => server.request("POST", "/v1/products/", { token: org.token, body });
      assert422(await create({ recurring_interval: "month" }), SCHEMA, [
        detail("missing", ["body", "recurring", "name"], "Field required", { recurring_interval: "month" }),
        detail("missing", ["body", "recurring", "prices"], "Field required", { recurring_interval: "month" }),
      ]);
      assert422(await create({ name: " ab ", prices: [] }), SCHEMA, [
        detail("too_short", ["body", "one_time", "name"], "Value should have at least 3 items after validation, not 2", " ab ", {
          field_type: "Value",
          min_length: 3,
          actual_length: 2,
        }),
        detail("too_short", ["body", "one_time", "prices"], "List should have at least 1 item after validation, not 0", [], {
          field_type: "List",
          min_length: 1,
          actual_length: 0,
        }),
      ]);
      const tags = "'fixed', 'custom', 'seat_based', 'metered_unit', 'unit_based'";
      assert422(
        await create({
          name: "Plan",
          recurring_interval: "month",
          prices: [{ price_amount: 0 }, { amount_type: "tiered" }, { amount_type: "fixed", price_amount: 20 }],
        }),
        SCHEMA,
        [
          detail(
            "union_tag_not_found",
            ["body", "recurring", "prices", 0],
            "Unable to extract tag using discriminator 'amount_type'",
            { price_amount: 0 },
            { discriminator: "'amount_type'" },
          ),
          detail(
            "union_tag_invalid",
            ["body", "recurring", "prices", 1],
            `Input tag 'tiered' found using 'amount_type' does not match any of the expected tags: ${tags}`,
            { amount_type: "tiered" },
            {
              discriminator: "'amount_type'",
              tag: "tiered",
              expected_tags: tags,
            },
          ),
          detail(
            "minimum_price",
            ["body", "recurring", "prices", 2, "fixed", "price_amount"],
            "Amount must be at least $0.50 or 0 for free pricing",
            20,
          ),
        ],
      );
      assert422(
        await create({
          name: "Plan",
          recurring_interval: "month",
          prices: [{ amount_type: "fixed", price_amount: 100_000_000, price_currency: "eur" }],
        }),
        SCHEMA,
        [
          detail(
            "maximum_price",
            ["body", "recurring", "prices", 0, "fixed", "price_amount"],
            "Amount must be at most €999,999.99",
            100_000_000,
          ),
        ],
      );
      assert422(
        await create({
          name: "Plan",
          recurring_interval: "month",
          prices: [{ amount_type: "metered_unit", meter_id: MISSING_ID, unit_amount: 0 }],
        }),
        SCHEMA,
        [
          detail("greater_than", ["body", "recurring", "prices", 0, "metered_unit", "unit_amount"], "Input should be greater than 0", 0, {
            gt: 0,
          }),
        ],
      );
      assert422(await create({ name: "Plan", recurring_interval_count: 2, prices: [{ amount_type: "fixed", price_amount: 0 }] }), SCHEMA, [
        detail("none_required", ["body", "one_time", "recurring_interval_count"], "Input should be None", 2),
      ]);
      const trial = {
        name: "Plan",
        recurring_interval: "month",
        trial_interval: "day",
        prices: [{ amount_type: "fixed", price_amount: 0 }],
      };
      assert422(await create(trial), SCHEMA, [
        detail("missing", ["body", "recurring"], "Both trial_interval and trial_interval_count must be set together.", trial),
      ]);
    });

    it("collects the business rules of the price set", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const other = await catalogOrg(server);
      const mine = await createMeter(server, org.token);
      const theirs = await createMeter(server, other.token);
      const create = (body: Record<string, unknown>) =>
        server.request("POST", "/v1/products/", { token: org.token, body: { name: "Plan", ...body } });
      const metered = (meterId: string) => ({
        amount_type: "metered_unit",
        price_currency: "usd",
        tax_behavior: null,
        meter_id: meterId,
        unit_amount: "1",
        cap_amount: null,
      });
      const fixed = (amount: number, currency = "usd") => ({
        amount_type: "fixed",
        price_currency: currency,
        tax_behavior: null,
        price_amount: amount,
      });

      // Another organization's meter does not exist for this product.
      assert422(await create({ recurring_interval: "month", prices: [fixed(0), metered(theirs.id)] }), BUSINESS, [
        valueError(["body", "prices", 1, "meter_id"], "Meter does not exist.", theirs.id),
      ]);
      assert422(await create({ prices: [fixed(0), metered(mine.id)] }), BUSINESS, [
        valueError(["body", "prices", 1], "Metered pricing is not supported on one-time products.", metered(mine.id)),
      ]);
      const twoFixed = [fixed(0), fixed(500)];
      assert422(await create({ recurring_interval: "month", prices: twoFixed }), BUSINESS, [
        valueError(["body", "prices"], "Only one fixed price is allowed.", twoFixed),
      ]);
      const sameMeter = [fixed(0), metered(mine.id), metered(mine.id)];
      assert422(await create({ recurring_interval: "month", prices: sameMeter }), BUSINESS, [
        valueError(["body", "prices", 2, "meter_id"], "Meter is already used for another price.", mine.id),
      ]);
      const euroOnly = [fixed(500, "eur")];
      assert422(await create({ recurring_interval: "month", prices: euroOnly }), BUSINESS, [
        valueError(["body", "prices"], "The organization's default presentment currency must be present in the prices.", euroOnly),
      ]);
      const mixedTax = [fixed(0), { ...metered(mine.id), tax_behavior: "exclusive" }];
      assert422(await create({ recurring_interval: "month", prices: mixedTax }), BUSINESS, [
        valueError(["body", "prices"], "All prices for the same currency must have the same tax behavior.", mixedTax),
      ]);
      const custom = {
        amount_type: "custom",
        price_currency: "usd",
        tax_behavior: null,
        minimum_amount: 50,
        maximum_amount: null,
        preset_amount: null,
      };
      assert422(await create({ prices: [fixed(0), custom] }), BUSINESS, [
        valueError(["body", "prices"], "A custom price cannot be combined with a fixed, seat-based or unit-based price.", [
          fixed(0),
          custom,
        ]),
      ]);
      const unequal = [fixed(0), fixed(0, "eur"), metered(mine.id)];
      assert422(await create({ recurring_interval: "month", prices: unequal }), BUSINESS, [
        valueError(["body", "prices"], "All price currencies must define the same set of price types.", unequal),
      ]);
      const seat = { amount_type: "seat_based", seat_tiers: { tiers: [{ min_seats: 1, price_per_seat: 1000 }] } };
      const seatReply = await create({ recurring_interval: "month", prices: [seat] });
      assert.equal(seatReply.status, 422);
      assert.deepEqual(seatReply.body.detail[0].msg, "Seat-based pricing is not enabled for this organization.");
      assert422(await create({ recurring_interval: "month", prices: [fixed(0)], medias: [MISSING_ID], meter_interval: "day" }), BUSINESS, [
        valueError(["body", "medias", 0], "File does not exist or is not yet uploaded.", MISSING_ID),
        valueError(["body", "meter_interval"], "Separate meter cycling is not enabled for this organization.", "day"),
      ]);
      // Nothing was created by any of these.
      assert.equal((await server.request("GET", "/v1/products/", { token: org.token })).body.pagination.total_count, 0);
    });
  });

  describe("products: update and benefits", () => {
    it("updates fields, archives, and replaces prices keeping the listed ones", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const meter = await createMeter(server, org.token);
      const product = await createProduct(server, org.token, {
        prices: [
          { amount_type: "fixed", price_amount: 0 },
          { amount_type: "metered_unit", meter_id: meter.id, unit_amount: 2 },
        ],
      });
      const [fixed, metered] = product.prices;
      const patch = (body: unknown) => server.request("PATCH", `/v1/products/${product.id}`, { token: org.token, body });
      const renamed = await patch({
        name: " Team ",
        description: "For teams",
        visibility: "private",
        metadata: { seats: 5 },
        name_ignored: 1,
      });
      assert.equal(renamed.status, 200, renamed.text);
      assert.deepEqual(
        [renamed.body.name, renamed.body.description, renamed.body.visibility, renamed.body.metadata],
        ["Team", "For teams", "private", { seats: 5 }],
      );
      assert.notEqual(renamed.body.modified_at, null);
      const nulls = await patch({ name: null, visibility: null, is_archived: null, recurring_interval: null });
      assert.equal(nulls.status, 200, nulls.text);
      assert.deepEqual(
        [nulls.body.name, nulls.body.visibility, nulls.body.is_archived, nulls.body.recurring_interval],
        ["Team", "private", false, "month"],
      );

      const replaced = await patch({
        prices: [
          { id: fixed.id, price_amount: 999 },
          { amount_type: "metered_unit", meter_id: meter.id, unit_amount: "0.25" },
        ],
      });
      assert.equal(replaced.status, 200, replaced.text);
      assert.equal(replaced.body.prices.length, 2);
      assert.deepEqual(replaced.body.prices[0], fixed);
      assert.notEqual(replaced.body.prices[1].id, metered.id);
      assert.equal(replaced.body.prices[1].unit_amount, "0.250000000000");
      // The archived metered price is no longer one of the product's prices.
      assert422(await patch({ prices: [{ id: fixed.id }, { id: metered.id }] }), BUSINESS, [
        valueError(["body", "prices", 1], "Price does not exist.", { id: metered.id }),
      ]);

      const archived = await patch({ is_archived: true });
      assert.equal(archived.body.is_archived, true);
      assert.equal((await server.request("GET", `/v1/products/${product.id}`, { token: org.token })).body.is_archived, true);
      assert.equal((await patch({ is_archived: false })).body.is_archived, false);

      assert422(await patch({ recurring_interval: "year" }), BUSINESS, [
        valueError(["body", "recurring_interval"], "Recurring interval cannot be changed.", "year"),
      ]);
      assert.equal((await patch({ recurring_interval: "month" })).status, 200);
      const oneTime = await createProduct(server, org.token, {
        recurring_interval: undefined,
        prices: [{ amount_type: "fixed", price_amount: 900 }],
      });
      const trial = await server.request("PATCH", `/v1/products/${oneTime.id}`, {
        token: org.token,
        body: { trial_interval: "week", trial_interval_count: 1 },
      });
      assert422(trial, BUSINESS, [
        valueError(["body", "trial_interval"], "Trial configuration is only supported on recurring products.", "week"),
        valueError(["body", "trial_interval_count"], "Trial configuration is only supported on recurring products.", 1),
      ]);
    });

    it("sets benefits in order, replaces and clears them, and refuses other organizations' benefits", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const other = await catalogOrg(server);
      const product = await createProduct(server, org.token);
      const a = await createBenefit(server, org.token, { description: "Benefit A" });
      const b = await createBenefit(server, org.token, { type: "feature_flag", description: "Benefit B", properties: { ignored: 1 } });
      const foreign = await createBenefit(server, other.token);
      const set = (benefits: unknown, token = org.token) =>
        server.request("POST", `/v1/products/${product.id}/benefits`, { token, body: { benefits } });
      const first = await set([b.id, a.id, b.id]);
      assert.equal(first.status, 200, first.text);
      assert.deepEqual(
        first.body.benefits.map((x: any) => x.id),
        [b.id, a.id],
      );
      assert.deepEqual(first.body.benefits[0], b);
      assert.deepEqual(
        (await server.request("GET", `/v1/products/${product.id}`, { token: org.token })).body.benefits.map((x: any) => x.id),
        [b.id, a.id],
      );
      assert.deepEqual(
        (await set([a.id])).body.benefits.map((x: any) => x.id),
        [a.id],
      );
      assert422(await set([a.id, foreign.id]), BUSINESS, [valueError(["body", "benefits", 1], "Benefit does not exist.", foreign.id)]);
      assert422(await set([MISSING_ID]), BUSINESS, [valueError(["body", "benefits", 0], "Benefit does not exist.", MISSING_ID)]);
      // A user of both organizations can read the foreign benefit, but it belongs elsewhere.
      const user = await server.newUser(
        [
          [org.id, "admin"],
          [other.id, "admin"],
        ],
        ["products:write", "benefits:read"],
      );
      assert422(await set([foreign.id], user.token), BUSINESS, [
        valueError(["body", "benefits", 0], "Benefit must be on the same organization as the product.", foreign.id),
      ]);
      const unchanged = await server.request("GET", `/v1/products/${product.id}`, { token: org.token });
      assert.deepEqual(
        unchanged.body.benefits.map((x: any) => x.id),
        [a.id],
        "failed calls changed nothing",
      );
      assert.deepEqual((await set([])).body.benefits, []);
      assert422(await server.request("POST", `/v1/products/${product.id}/benefits`, { token: org.token, body: {} }), SCHEMA, [
        detail("missing", ["body", "benefits"], "Field required", {}),
      ]);
      // A deleted benefit disappears from the product.
      await set([a.id, b.id]);
      assert.equal((await server.request("DELETE", `/v1/benefits/${a.id}`, { token: org.token })).status, 204);
      assert.deepEqual(
        (await server.request("GET", `/v1/products/${product.id}`, { token: org.token })).body.benefits.map((x: any) => x.id),
        [b.id],
      );
    });
  });

  describe("products: concurrent benefit replacement", () => {
    it("applies concurrent replacements one after the other, never failing on the pair key", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const product = await createProduct(server, org.token);
      const benefits: string[] = [];
      for (let i = 0; i < 3; i++) benefits.push((await createBenefit(server, org.token, { description: `Benefit ${i}` })).id);
      const sets = Array.from({ length: 12 }, (_, i) => [benefits[i % 3], benefits[(i + 1) % 3]]);
      const replies = await Promise.all(
        sets.map((set) => server.request("POST", `/v1/products/${product.id}/benefits`, { token: org.token, body: { benefits: set } })),
      );
      for (const reply of replies) assert.equal(reply.status, 200, reply.text);
      const final = (await server.request("GET", `/v1/products/${product.id}`, { token: org.token })).body.benefits.map((b: any) => b.id);
      assert.ok(
        sets.some((set) => JSON.stringify(set) === JSON.stringify(final)),
        `final benefits ${JSON.stringify(final)} are one of the requested sets`,
      );
    });
  });

  describe("products: large bodies", () => {
    it("looks up more benefit ids than one SQL statement may carry, without a 5xx", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const product = await createProduct(server, org.token);
      const benefit = await createBenefit(server, org.token);
      const ids = [...Array.from({ length: 70_000 }, () => randomUUID()), benefit.id];
      const reply = await server.request("POST", `/v1/products/${product.id}/benefits`, { token: org.token, body: { benefits: ids } });
      assert422(reply, BUSINESS, [valueError(["body", "benefits", 0], "Benefit does not exist.", ids[0])]);
    });
  });

  describe("products: tenancy, scopes and roles", () => {
    it("never shows, changes or references another organization's product", async () => {
      const server = get();
      const mine = await catalogOrg(server);
      const theirs = await catalogOrg(server);
      const product = await createProduct(server, theirs.token);
      for (const [method, path, body] of [
        ["GET", `/v1/products/${product.id}`, undefined],
        ["PATCH", `/v1/products/${product.id}`, { name: "Stolen" }],
        ["POST", `/v1/products/${product.id}/benefits`, { benefits: [] }],
        ["GET", `/v1/products/${MISSING_ID}`, undefined],
      ] as const) {
        const reply = await server.request(method, path, { token: mine.token, body });
        assert.equal(reply.status, 404, `${method} ${path}`);
        assert.deepEqual(reply.body, NOT_FOUND);
      }
      assert.equal((await server.request("GET", `/v1/products/${product.id}`, { token: theirs.token })).body.name, "Pro plan");
    });

    it("checks scopes per endpoint and the manage role after the lookup", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const product = await createProduct(server, org.token);
      const readOnly = await server.newToken(org.id, ["products:read"]);
      for (const [method, path, body] of [
        ["POST", "/v1/products/", {}],
        ["PATCH", `/v1/products/${product.id}`, {}],
        ["POST", `/v1/products/${product.id}/benefits`, { benefits: [] }],
      ] as const) {
        const reply = await server.request(method, path, { token: readOnly, body });
        assert.equal(reply.status, 403, `${method} ${path}`);
        assert.deepEqual(reply.body, INSUFFICIENT_SCOPE);
        assert.match(reply.headers.get("www-authenticate") ?? "", /scope="products:write"/);
      }
      const list = await server.request("GET", "/v1/products/", { token: await server.newToken(org.id, ["benefits:read"]) });
      assert.match(list.headers.get("www-authenticate") ?? "", /scope="products:read products:write"/);
      const finance = await server.newUser([[org.id, "finance"]], ["products:read", "products:write"]);
      assert.equal((await server.request("GET", `/v1/products/${product.id}`, { token: finance.token })).status, 200);
      for (const [method, path, body] of [
        ["PATCH", `/v1/products/${product.id}`, { name: "Nope" }],
        ["POST", `/v1/products/${product.id}/benefits`, { benefits: [] }],
        ["POST", "/v1/products/", { name: "Plan", organization_id: org.id, prices: [{ amount_type: "fixed", price_amount: 0 }] }],
      ] as const) {
        const reply = await server.request(method, path, { token: finance.token, body });
        assert.equal(reply.status, 403, `${method} ${path}: ${reply.text}`);
        assert.deepEqual(reply.body, NOT_PERMITTED);
      }
      const outsider = await server.newUser([[(await catalogOrg(server)).id, "owner"]], ["products:write"]);
      assert.equal((await server.request("PATCH", `/v1/products/${product.id}`, { token: outsider.token, body: {} })).status, 404);
      const missingOrg = await server.request("POST", "/v1/products/", {
        token: outsider.token,
        body: { name: "Plan", prices: [{ amount_type: "fixed", price_amount: 0 }] },
      });
      assert.deepEqual(
        missingOrg.body,
        business({ type: "missing", loc: ["body", "organization_id"], msg: "organization_id is required.", input: null }),
      );
    });
  });
}
