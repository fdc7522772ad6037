// Property test: random bodies and queries at every benefits endpoint never get a 5xx.
import { describe, it } from "node:test";
import fc from "fast-check";
import type { GetServer } from "../../../../../test/support/contract.js";
import {
  assertDocumentedReply,
  catalogOrg,
  createBenefit,
  createMeter,
  fuzzParams,
  jsonish,
  queryString,
} from "../../../../../test/support/catalog.js";

const TYPES = [
  "custom",
  "discord",
  "github_repository",
  "downloadables",
  "license_keys",
  "meter_credit",
  "feature_flag",
  "slack_shared_channel",
];

export function benefitFuzzCases(get: GetServer): void {
  describe("benefits: property tests", () => {
    it("answers random create, update and delete requests and list queries below 500", async () => {
      const server = get();
      const org = await catalogOrg(server);
      const meter = await createMeter(server, org.token);
      const benefit = await createBenefit(server, org.token);
      const properties = fc.oneof(
        fc.record(
          {
            note: jsonish,
            units: jsonish,
            rollover: jsonish,
            meter_id: fc.oneof(fc.constant(meter.id), jsonish),
            guild_token: jsonish,
            role_id: jsonish,
            kick_member: jsonish,
            repository_owner: jsonish,
            repository_name: jsonish,
            permission: jsonish,
            files: jsonish,
            archived: jsonish,
            prefix: jsonish,
            expires: jsonish,
            activations: jsonish,
            limit_usage: jsonish,
            slack_integration_id: jsonish,
            channel_name_template: jsonish,
          },
          { requiredKeys: [] },
        ),
        jsonish,
      );
      const body = fc.record(
        {
          type: fc.oneof(fc.constantFrom(...TYPES), jsonish),
          description: fc.oneof(fc.constant("A benefit"), jsonish),
          visibility: jsonish,
          metadata: jsonish,
          organization_id: jsonish,
          properties,
        },
        { requiredKeys: [] },
      );
      const target = fc.constantFrom(["POST", "/v1/benefits/"], ["PATCH", `/v1/benefits/${benefit.id}`]);
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
          queryString(["organization_id", "type", "id", "exclude_id", "query"]),
          fc.oneof(fc.uuid(), fc.string({ maxLength: 8 })),
          async (query, id) => {
            assertDocumentedReply(`GET ?${query}`, await server.request("GET", `/v1/benefits/?${query}`, { token: org.token }));
            assertDocumentedReply(
              `DELETE ${id}`,
              await server.request("DELETE", `/v1/benefits/${encodeURIComponent(id)}`, { token: org.token }),
            );
          },
        ),
        fuzzParams(),
      );
    });
  });
}
