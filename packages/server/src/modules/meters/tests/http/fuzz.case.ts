// Property test: random bodies and queries at every meters endpoint never get a 5xx.
import { describe, it } from "node:test";
import fc from "fast-check";
import type { GetServer } from "../../../../../test/support/contract.js";
import { assertDocumentedReply, catalogOrg, createMeter, fuzzParams, jsonish, queryString } from "../../../../../test/support/catalog.js";

const clause = fc.record(
  { property: jsonish, operator: fc.oneof(fc.constantFrom("eq", "like", "gte", "bad"), jsonish), value: jsonish },
  { requiredKeys: [] },
);
const filter = fc.letrec<{ filter: unknown }>((tie) => ({
  filter: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.record(
      {
        conjunction: fc.oneof(fc.constantFrom("and", "or"), jsonish),
        clauses: fc.oneof(fc.array(fc.oneof(clause, tie("filter")), { maxLength: 3 }), jsonish),
      },
      { requiredKeys: [] },
    ),
    jsonish,
  ),
})).filter;
const meterBody = fc.record(
  {
    name: fc.oneof(fc.constantFrom("API calls", "ab"), jsonish),
    unit: fc.oneof(fc.constantFrom("scalar", "token", "custom"), jsonish),
    custom_label: jsonish,
    custom_multiplier: jsonish,
    filter,
    aggregation: fc.oneof(
      fc.record(
        { func: fc.oneof(fc.constantFrom("count", "sum", "max", "min", "avg", "unique"), jsonish), property: jsonish },
        { requiredKeys: [] },
      ),
      jsonish,
    ),
    is_archived: jsonish,
    metadata: fc.oneof(fc.dictionary(fc.string({ maxLength: 5 }), jsonish, { maxKeys: 3 }), jsonish),
    organization_id: jsonish,
  },
  { requiredKeys: [] },
);

export function meterFuzzCases(get: GetServer): void {
  describe("meters: property tests", () => {
    it("answers random create and update bodies and list queries below 500", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const meter = await createMeter(server, org.token);
      await fc.assert(
        fc.asyncProperty(meterBody, fc.constantFrom("POST", "PATCH"), async (body, method) => {
          const path = method === "POST" ? "/v1/meters/" : `/v1/meters/${meter.id}`;
          assertDocumentedReply(
            `${method} ${path} ${JSON.stringify(body)}`,
            await server.request(method, path, { token: org.token, body }),
          );
        }),
        fuzzParams(),
      );
      await fc.assert(
        fc.asyncProperty(queryString(["organization_id", "query", "is_archived"]), async (query) => {
          assertDocumentedReply(`GET ?${query}`, await server.request("GET", `/v1/meters/?${query}`, { token: org.token }));
        }),
        fuzzParams(),
      );
    });
  });
}
