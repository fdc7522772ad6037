// Property test: random bodies and queries at every webhooks endpoint never get a 5xx.
import { describe, it } from "node:test";
import fc from "fast-check";
import type { GetServer } from "../../../../../test/support/contract.js";
import { assertDocumentedReply, fuzzParams, jsonish, queryString } from "../../../../../test/support/catalog.js";
import { createEndpoint, webhookOrg } from "./support.js";

const url = fc.oneof(
  fc.constantFrom("http://127.0.0.1:9/x", "https://example.com", "http://[::1]:80/", "https://ex ample.com", "//x", "http://"),
  fc.webUrl(),
  jsonish,
);
const events = fc.oneof(fc.array(fc.constantFrom("customer.created", "customer.updated", "order.paid", "bogus")), jsonish);

export function webhookFuzzCases(get: GetServer): void {
  describe("webhooks: property tests", () => {
    it("answers random endpoint bodies, delivery queries and ids below 500", async () => {
      const server = get();
      const org = await webhookOrg(server);
      const endpoint = await createEndpoint(server, org.token, "http://127.0.0.1:9/fuzz", []);
      const body = fc.oneof(
        fc.record(
          {
            url,
            format: fc.oneof(fc.constantFrom("raw", "slack", "discord"), jsonish),
            events,
            name: jsonish,
            enabled: jsonish,
            secret: fc.oneof(fc.string({ minLength: 30, maxLength: 40 }), jsonish),
            organization_id: jsonish,
          },
          { requiredKeys: [] },
        ),
        jsonish,
      );
      const target = fc.constantFrom(["POST", "/v1/webhooks/endpoints"], ["PATCH", `/v1/webhooks/endpoints/${endpoint.id}`]);
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
          queryString([
            "endpoint_id",
            "start_timestamp",
            "end_timestamp",
            "succeeded",
            "query",
            "http_code_class",
            "event_type",
            "organization_id",
          ]),
          // Not "", "." or "..": those name other paths (FastAPI's 404 "Not Found" and 307 redirects).
          fc.oneof(
            fc.uuid(),
            fc.string({ minLength: 1, maxLength: 8 }).filter((id) => id !== "." && id !== ".."),
          ),
          async (query, id) => {
            assertDocumentedReply(
              `GET deliveries ?${query}`,
              await server.request("GET", `/v1/webhooks/deliveries?${query}`, { token: org.token }),
            );
            assertDocumentedReply(
              `GET endpoints ?${query}`,
              await server.request("GET", `/v1/webhooks/endpoints?${query}`, { token: org.token }),
            );
            const encoded = encodeURIComponent(id);
            assertDocumentedReply(
              `redeliver ${id}`,
              await server.request("POST", `/v1/webhooks/events/${encoded}/redeliver`, { token: org.token }),
            );
            assertDocumentedReply(`GET ${id}`, await server.request("GET", `/v1/webhooks/endpoints/${encoded}`, { token: org.token }));
          },
        ),
        fuzzParams(),
      );
    });
  });
}
