// Property test: random list queries and ids never get a 5xx.
import { describe, it } from "node:test";
import fc from "fast-check";
import type { GetServer } from "../../../../../test/support/contract.js";
import { assertDocumentedReply, fuzzParams, queryString } from "../../../../../test/support/catalog.js";
import { ingestOk, meterOf, usageOrg } from "./support.js";

const SORTS = [
  "created_at",
  "modified_at",
  "customer_id",
  "customer_name",
  "meter_id",
  "meter_name",
  "consumed_units",
  "credited_units",
  "balance",
];

export function customerMeterFuzzCases(get: GetServer): void {
  describe("customer meters: property tests", () => {
    it("answers random list queries and ids below 500", async () => {
      const server = get();
      const org = await usageOrg(server);
      const customer = await server.createCustomer({ external_id: "fuzz" }, org.token);
      await meterOf(server, org.token, { func: "count" });
      await ingestOk(server, org.token, [{ name: "x", customer_id: customer.id }]);
      const sorting = fc.array(fc.constantFrom(...SORTS.flatMap((s) => [s, `-${s}`]), "bogus"), { maxLength: 3 });
      await fc.assert(
        fc.asyncProperty(
          queryString(["organization_id", "customer_id", "external_customer_id", "meter_id"]),
          sorting,
          async (query, sorts) => {
            const path = `/v1/customer-meters/?${[query, ...sorts.map((s) => `sorting=${s}`)].filter(Boolean).join("&")}`;
            assertDocumentedReply(`GET ${path}`, await server.request("GET", path, { token: org.token }));
          },
        ),
        fuzzParams(),
      );
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.uuid(), fc.string({ maxLength: 40 })), async (id) => {
          const path = `/v1/customer-meters/${encodeURIComponent(id)}`;
          assertDocumentedReply(`GET ${path}`, await server.request("GET", path, { token: org.token }));
        }),
        fuzzParams(),
      );
    });
  });
}
