// Property tests: random bodies and queries at every subscriptions, grants and
// state endpoint never get a 5xx, and each answer has one of Polar's shapes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import type { GetServer } from "../../../../../test/support/contract.js";
import { assertDocumentedReply, fuzzParams, jsonish, queryString } from "../../../../../test/support/catalog.js";
import type { Reply } from "../../../../../test/support/server.js";
import { createSubscription, newCustomer, planWithBenefits, subscriptionOrg } from "./support.js";

/** PATCH/DELETE may also answer Polar's named 400/403/409/410 errors. */
function assertSubscriptionReply(what: string, reply: Reply): void {
  if ([400, 409, 410].includes(reply.status) || (reply.status === 403 && reply.body?.error !== "NotPermitted")) {
    assert.equal(typeof reply.body?.error, "string", what);
    assert.equal(typeof reply.body?.detail, "string", what);
    if (reply.status === 403 && reply.body.error !== "insufficient_scope")
      assert.ok(["AlreadyCanceledSubscription", "InactiveSubscription"].includes(reply.body.error), what);
    return;
  }
  assertDocumentedReply(what, reply);
}

const date = fc.oneof(
  fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom("now", "2030-02-30T00:00:00Z", "2030-01-01", "1e12", "tomorrow"),
);

export function subscriptionFuzzCases(get: GetServer): void {
  describe("subscriptions: property tests", () => {
    it("answers random create and update bodies below 500", async () => {
      const server = get();
      const org = await subscriptionOrg(server);
      const { product, benefits } = await planWithBenefits(server, org.token);
      const customer = await newCustomer(server, org.token);
      const sub = await createSubscription(server, org.token, { product_id: product.id, customer_id: customer.id });
      const id = fc.oneof(fc.constantFrom(product.id, customer.id, customer.external_id), jsonish);
      const create = fc.record({ product_id: id, customer_id: id, external_customer_id: id, metadata: jsonish }, { requiredKeys: [] });
      const update = fc.record(
        {
          metadata: jsonish,
          product_id: fc.oneof(fc.constant(product.id), jsonish),
          proration_behavior: fc.oneof(fc.constantFrom("invoice", "prorate", "next_period", "reset"), jsonish),
          discount_id: jsonish,
          trial_end: fc.oneof(date, jsonish),
          seats: jsonish,
          units: jsonish,
          current_billing_period_end: fc.oneof(date, jsonish),
          cancel_at_period_end: fc.oneof(fc.boolean(), jsonish),
          customer_cancellation_reason: fc.oneof(fc.constantFrom("unused", "other"), jsonish),
          customer_cancellation_comment: jsonish,
          revoke: fc.oneof(fc.constant(true), jsonish),
          pause_at_period_end: fc.oneof(fc.boolean(), jsonish),
          resumes_at: fc.oneof(date, jsonish),
          resume: fc.oneof(fc.constant(true), jsonish),
          pending_update: jsonish,
        },
        { requiredKeys: [] },
      );
      // Mostly one or two keys, so that single variants match often.
      const small = update.map((b) => Object.fromEntries(Object.entries(b).slice(0, 2)));
      await fc.assert(
        fc.asyncProperty(fc.oneof(create, jsonish), async (body) => {
          assertDocumentedReply(
            `POST ${JSON.stringify(body)}`,
            await server.request("POST", "/v1/subscriptions/", { token: org.token, body }),
          );
        }),
        fuzzParams(),
      );
      await fc.assert(
        fc.asyncProperty(fc.oneof(small, update, jsonish), async (body) => {
          const reply = await server.request("PATCH", `/v1/subscriptions/${sub.id}`, { token: org.token, body });
          assertSubscriptionReply(`PATCH ${JSON.stringify(body)}`, reply);
        }),
        fuzzParams(),
      );
      void benefits;
    });

    it("answers random list queries and ids below 500", async () => {
      const server = get();
      const org = await subscriptionOrg(server);
      const { product, benefits } = await planWithBenefits(server, org.token);
      const customer = await newCustomer(server, org.token);
      await createSubscription(server, org.token, { product_id: product.id, customer_id: customer.id });
      const subscriptionParams = [
        "organization_id",
        "product_id",
        "customer_id",
        "external_customer_id",
        "discount_id",
        "status",
        "customer_cancellation_reason",
        "active",
        "cancel_at_period_end",
        "canceled_at_after",
        "canceled_at_before",
        "started_after",
        "started_before",
      ];
      const paths = fc.constantFrom<[string, string[]]>(
        ["/v1/subscriptions/", subscriptionParams],
        ["/v1/benefit-grants/", ["organization_id", "customer_id", "external_customer_id", "is_granted"]],
        [`/v1/benefits/${benefits[0].id}/grants`, ["is_granted", "customer_id", "member_id"]],
      );
      await fc.assert(
        fc.asyncProperty(
          paths.chain(([path, names]) => queryString(names).map((q) => `${path}?${q}`)),
          async (url) => assertDocumentedReply(`GET ${url}`, await server.request("GET", url, { token: org.token })),
        ),
        fuzzParams(),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.uuid(),
            fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s !== "." && s !== ".."),
          ),
          async (raw) => {
            const id = encodeURIComponent(raw);
            for (const [method, path] of [
              ["GET", `/v1/subscriptions/${id}`],
              ["DELETE", `/v1/subscriptions/${id}`],
              ["GET", `/v1/benefits/${id}/grants`],
              ["GET", `/v1/customers/${id}/state`],
              ["GET", `/v1/customers/external/${id}/state`],
            ]) {
              const reply = await server.request(method, path, { token: org.token });
              if (reply.status === 307) continue;
              assertSubscriptionReply(`${method} ${path}`, reply);
            }
          },
        ),
        fuzzParams(),
      );
    });
  });
}
