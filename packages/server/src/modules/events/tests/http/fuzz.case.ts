// Property test: random ingest bodies never get a 5xx, and every answer has one of Polar's shapes.
import { describe, it } from "node:test";
import fc from "fast-check";
import type { GetServer } from "../../../../../test/support/contract.js";
import { assertDocumentedReply, fuzzParams, jsonish } from "../../../../../test/support/catalog.js";
import { usageOrg } from "../../../../../test/support/usage.js";

const dates = fc.oneof(
  fc.constantFrom(
    "2024-01-01T00:00:00Z",
    "2024-01-01T00:00:00",
    "2024-02-30T00:00:00Z",
    "0001-01-01T00:00:00+01:00",
    "2999-01-01T00:00:00Z",
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  jsonish,
);

export function eventFuzzCases(get: GetServer): void {
  describe("events: property tests", () => {
    it("answers random ingest bodies below 500", async () => {
      const server = get();
      const org = await usageOrg(server);
      const customer = await server.createCustomer({}, org.token);
      const item = fc.record(
        {
          name: fc.oneof(fc.constant("api_call"), jsonish),
          timestamp: dates,
          customer_id: fc.oneof(fc.constant(customer.id), jsonish),
          external_customer_id: jsonish,
          member_id: jsonish,
          external_member_id: jsonish,
          external_id: fc.oneof(fc.constantFrom("dup", "dup2"), jsonish),
          parent_id: jsonish,
          organization_id: fc.oneof(fc.constant(org.id), jsonish),
          metadata: fc.oneof(
            fc.dictionary(fc.oneof(fc.string({ maxLength: 5 }), fc.constantFrom("_llm", "_cost")), jsonish, { maxKeys: 3 }),
            jsonish,
          ),
        },
        { requiredKeys: [] },
      );
      const body = fc.oneof(fc.record({ events: fc.oneof(fc.array(item, { maxLength: 4 }), jsonish) }, { requiredKeys: [] }), jsonish);
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          assertDocumentedReply(
            `POST ${JSON.stringify(b)}`,
            await server.request("POST", "/v1/events/ingest", { token: org.token, body: b }),
          );
        }),
        fuzzParams(),
      );
    });
  });
}
