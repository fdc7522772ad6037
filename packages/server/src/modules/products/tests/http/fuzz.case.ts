// Property test: random bodies and queries at every products endpoint never get a 5xx.
import { describe, it } from "node:test";
import fc from "fast-check";
import type { GetServer } from "../../../../../test/support/contract.js";
import {
  assertDocumentedReply,
  catalogOrg,
  createBenefit,
  createMeter,
  createProduct,
  fuzzParams,
  jsonish,
  queryString,
} from "../../../../../test/support/catalog.js";

export function productFuzzCases(get: GetServer): void {
  describe("products: property tests", () => {
    it("answers random create, update and benefit bodies and list queries below 500", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const meter = await createMeter(server, org.token);
      const benefit = await createBenefit(server, org.token);
      const product = await createProduct(server, org.token);
      const id = fc.oneof(fc.constantFrom(meter.id, benefit.id, product.id, product.prices[0].id), jsonish);
      const price = fc.oneof(
        fc.record(
          {
            amount_type: fc.oneof(fc.constantFrom("fixed", "custom", "metered_unit", "seat_based", "unit_based", "free"), jsonish),
            price_amount: jsonish,
            price_currency: fc.oneof(fc.constantFrom("usd", "eur", "jpy", "USD"), jsonish),
            tax_behavior: jsonish,
            minimum_amount: jsonish,
            maximum_amount: jsonish,
            preset_amount: jsonish,
            meter_id: id,
            unit_amount: jsonish,
            cap_amount: jsonish,
            seat_tiers: jsonish,
            id,
          },
          { requiredKeys: [] },
        ),
        jsonish,
      );
      const body = fc.record(
        {
          name: fc.oneof(fc.constantFrom("Plan", "  x  "), jsonish),
          description: jsonish,
          visibility: jsonish,
          recurring_interval: fc.oneof(fc.constantFrom("month", "year", null), jsonish),
          recurring_interval_count: jsonish,
          trial_interval: jsonish,
          trial_interval_count: jsonish,
          meter_interval: jsonish,
          prices: fc.oneof(fc.array(price, { maxLength: 4 }), jsonish),
          medias: jsonish,
          attached_custom_fields: jsonish,
          metadata: jsonish,
          is_archived: jsonish,
          organization_id: jsonish,
          benefits: fc.oneof(fc.array(id, { maxLength: 3 }), jsonish),
        },
        { requiredKeys: [] },
      );
      const target = fc.constantFrom(
        ["POST", "/v1/products/"],
        ["PATCH", `/v1/products/${product.id}`],
        ["POST", `/v1/products/${product.id}/benefits`],
      );
      await fc.assert(
        fc.asyncProperty(target, body, async ([method, path], b) => {
          assertDocumentedReply(
            `${method} ${path} ${JSON.stringify(b)}`,
            await server.request(method, path, { token: org.token, body: b }),
          );
        }),
        fuzzParams(),
      );
      await fc.assert(
        fc.asyncProperty(
          queryString(["id", "organization_id", "query", "is_archived", "is_recurring", "benefit_id", "visibility"]),
          async (query) => {
            assertDocumentedReply(`GET ?${query}`, await server.request("GET", `/v1/products/?${query}`, { token: org.token }));
          },
        ),
        fuzzParams(),
      );
    });
  });
}
