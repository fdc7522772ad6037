// Every 4xx of create, update and revoke with Polar's exact bodies; tenancy,
// roles and scopes.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { GetServer } from "../../../../../test/support/contract.js";
import { INSUFFICIENT_SCOPE, MISSING_ID, NOT_FOUND, business, createProduct, valueError } from "../../../../../test/support/catalog.js";
import { processDuePeriodEnds } from "../../index.js";
import { ALREADY_CANCELED } from "./lifecycle.case.js";
import { SUBSCRIPTION_SCOPES, createSubscription, newCustomer, planWithBenefits, subscriptionOrg } from "./support.js";

const missing = (loc: (string | number)[], input: unknown) => ({ type: "missing", loc, msg: "Field required", input });
const extra = (loc: (string | number)[], input: unknown) => ({
  type: "extra_forbidden",
  loc,
  msg: "Extra inputs are not permitted",
  input,
});
const schemaError = (...detail: unknown[]) => ({ error: "RequestValidationError", detail });

async function setup(server: ReturnType<GetServer>) {
  const org = await subscriptionOrg(server);
  const product = await createProduct(server, org.token);
  const customer = await newCustomer(server, org.token);
  const sub = await createSubscription(server, org.token, { product_id: product.id, customer_id: customer.id });
  return { org, product, customer, sub };
}

export function subscriptionErrorCases(get: GetServer): void {
  describe("subscriptions: errors, tenancy, roles and scopes", () => {
    it("create: schema errors per union member, then product, role and customer errors in order", async () => {
      const server = get();
      const { org, customer } = await setup(server);
      const post = (body: unknown, token = org.token) => server.request("POST", "/v1/subscriptions/", { token, body });
      const none = await post({});
      assert.deepEqual(
        [none.status, none.body],
        [
          422,
          schemaError(
            missing(["body", "SubscriptionCreateCustomer", "product_id"], {}),
            missing(["body", "SubscriptionCreateCustomer", "customer_id"], {}),
            missing(["body", "SubscriptionCreateExternalCustomer", "product_id"], {}),
            missing(["body", "SubscriptionCreateExternalCustomer", "external_customer_id"], {}),
          ),
        ],
      );
      const unknown = await post({ product_id: MISSING_ID, customer_id: MISSING_ID });
      assert.deepEqual(
        [unknown.status, unknown.body],
        [422, business(valueError(["body", "product_id"], "Product does not exist.", MISSING_ID))],
      );
      const oneTime = await createProduct(server, org.token, { recurring_interval: null });
      const once = await post({ product_id: oneTime.id, customer_id: customer.id });
      assert.deepEqual(once.body, business(valueError(["body", "product_id"], "Product is not a recurring product.", oneTime.id)));
      const paid = await createProduct(server, org.token, { prices: [{ amount_type: "fixed", price_amount: 1000 }] });
      const notFree = await post({ product_id: paid.id, customer_id: customer.id });
      assert.deepEqual(
        notFree.body,
        business(
          valueError(
            ["body", "product_id"],
            "Product is not free. The customer should go through a checkout to create a paid subscription.",
            paid.id,
          ),
        ),
      );
      const meteredOnly = await createProduct(server, org.token, {
        prices: [{ amount_type: "custom" }],
      });
      assert.equal((await post({ product_id: meteredOnly.id, customer_id: customer.id })).status, 422);
      const free = await createProduct(server, org.token);
      const noCustomer = await post({ product_id: free.id, customer_id: MISSING_ID });
      assert.deepEqual(noCustomer.body, business(valueError(["body", "customer_id"], "Customer does not exist.", MISSING_ID)));
      const noExternal = await post({ product_id: free.id, external_customer_id: "nobody" });
      assert.deepEqual(noExternal.body, business(valueError(["body", "external_customer_id"], "Customer does not exist.", "nobody")));
      // Both ids: the customer_id member wins.
      const both = await post({ product_id: free.id, customer_id: customer.id, external_customer_id: "nobody" });
      assert.equal(both.status, 201, both.text);
      // Role before the customer lookup: a finance member may not manage customers.
      const finance = await server.newUser([[org.id, "finance"]], SUBSCRIPTION_SCOPES);
      const refused = await post({ product_id: free.id, customer_id: MISSING_ID }, finance.token);
      assert.deepEqual(
        [refused.status, refused.body],
        [403, { error: "NotPermitted", detail: "You don't have permission to manage customers" }],
      );
      const member = await server.newUser([[org.id, "member"]], SUBSCRIPTION_SCOPES);
      assert.equal((await post({ product_id: free.id, customer_id: customer.id }, member.token)).status, 201);
    });

    it("update: one error set per variant when no variant matches (extra=forbid)", async () => {
      const server = get();
      const { org, sub } = await setup(server);
      const body = { cancel_at_period_end: true, revoke: true };
      const reply = await server.request("PATCH", `/v1/subscriptions/${sub.id}`, { token: org.token, body });
      const both = (v: string) => [extra(["body", v, "cancel_at_period_end"], true), extra(["body", v, "revoke"], true)];
      assert.deepEqual(
        [reply.status, reply.body],
        [
          422,
          schemaError(
            ...both("SubscriptionUpdateBase"),
            missing(["body", "SubscriptionUpdateSeats", "seats"], body),
            ...both("SubscriptionUpdateSeats"),
            missing(["body", "SubscriptionUpdateUnits", "units"], body),
            ...both("SubscriptionUpdateUnits"),
            missing(["body", "SubscriptionUpdateBillingPeriod", "current_billing_period_end"], body),
            ...both("SubscriptionUpdateBillingPeriod"),
            extra(["body", "SubscriptionCancel", "revoke"], true),
            extra(["body", "SubscriptionRevoke", "cancel_at_period_end"], true),
            missing(["body", "SubscriptionPause", "pause_at_period_end"], body),
            ...both("SubscriptionPause"),
            missing(["body", "SubscriptionResume", "resume"], body),
            ...both("SubscriptionResume"),
            missing(["body", "SubscriptionUpdateClear", "pending_update"], body),
            ...both("SubscriptionUpdateClear"),
          ),
        ],
      );
    });

    it("cancel, uncancel and revoke answer 403, 400 and 410 as Polar does", async () => {
      const server = get();
      const { org, sub } = await setup(server);
      const patch = (body: unknown, id = sub.id, token = org.token) => server.request("PATCH", `/v1/subscriptions/${id}`, { token, body });
      const notScheduled = await patch({ cancel_at_period_end: false });
      assert.deepEqual([notScheduled.status, notScheduled.body], [400, { error: "BadRequest", detail: "Bad request" }]);
      assert.equal((await patch({ cancel_at_period_end: true })).status, 200);
      const twice = await patch({ cancel_at_period_end: true });
      assert.deepEqual([twice.status, twice.body], [403, ALREADY_CANCELED]);
      const uncanceled = await patch({ cancel_at_period_end: false });
      assert.deepEqual(
        [uncanceled.status, uncanceled.body.cancel_at_period_end, uncanceled.body.ends_at, uncanceled.body.canceled_at],
        [200, false, null, null],
      );
      assert.equal((await server.request("DELETE", `/v1/subscriptions/${sub.id}`, { token: org.token })).status, 200);
      const ended = await patch({ cancel_at_period_end: false });
      assert.deepEqual([ended.status, ended.body], [410, { error: "ResourceUnavailable", detail: "Unavailable" }]);
      assert.deepEqual((await patch({ cancel_at_period_end: true })).body, ALREADY_CANCELED);
      assert.deepEqual((await patch({ revoke: true })).body, ALREADY_CANCELED);
      const trial = await patch({ trial_end: "now" });
      assert.deepEqual(
        [trial.status, trial.body],
        [403, { error: "InactiveSubscription", detail: `Subscription ${sub.id} is not active.` }],
      );
      const seats = await patch({ seats: 2 });
      assert.deepEqual([seats.status, seats.body.error], [400, "NotASeatBasedSubscription"]);
    });

    it("update base: metadata, trial end, product switch and their errors", async () => {
      const server = get();
      const { org, sub, customer } = await setup(server);
      const patch = (body: unknown) => server.request("PATCH", `/v1/subscriptions/${sub.id}`, { token: org.token, body });
      const same = await patch({});
      assert.deepEqual([same.status, same.body.modified_at], [200, null]);
      const meta = await patch({ metadata: { plan: "gold" } });
      assert.deepEqual([meta.body.metadata, meta.body.modified_at !== null], [{ plan: "gold" }, true]);
      const now = await patch({ trial_end: "now" });
      assert.deepEqual(
        [now.status, now.body],
        [422, business(valueError(["body", "trial_end"], "The subscription is not currently trialing.", "now"))],
      );
      const early = await patch({ trial_end: sub.current_period_start });
      assert.equal(early.status, 422);
      assert.equal(early.body.detail[0].msg, "Trial end must be after the current period end.");
      const discount = await patch({ discount_id: MISSING_ID });
      assert.deepEqual(
        discount.body,
        business(
          valueError(
            ["body", "discount_id"],
            "Discount does not exist, is not applicable to this product or is not redeemable.",
            MISSING_ID,
          ),
        ),
      );
      const noProduct = await patch({ product_id: MISSING_ID });
      assert.deepEqual(noProduct.body, business(valueError(["body", "product_id"], "Product does not exist.", MISSING_ID)));
      const reset = await patch({ product_id: MISSING_ID, proration_behavior: "reset" });
      assert.equal(reset.body.detail[0].loc.join("."), "body.proration_behavior");

      const trialEnd = new Date(Date.parse(sub.current_period_end) + 5 * 86_400_000).toISOString();
      const trialing = await patch({ trial_end: trialEnd });
      assert.equal(trialing.status, 200, trialing.text);
      assert.deepEqual(
        [
          trialing.body.status,
          Date.parse(trialing.body.trial_end),
          Date.parse(trialing.body.current_period_end),
          trialing.body.trial_start,
        ],
        ["trialing", Date.parse(trialEnd), Date.parse(trialEnd), null],
      );
      const state = await server.request("GET", `/v1/customers/${customer.id}/state`, { token: org.token });
      assert.equal(state.body.active_subscriptions[0].status, "trialing");
      assert.equal(await processDuePeriodEnds(server.storage, { upTo: new Date(Date.parse(trialEnd) + 1), organizationIds: [org.id] }), 1);
      const converted = (await server.request("GET", `/v1/subscriptions/${sub.id}`, { token: org.token })).body;
      assert.deepEqual([converted.status, Date.parse(converted.current_period_start)], ["active", Date.parse(trialEnd)]);

      const { product: other, benefits } = await planWithBenefits(server, org.token, { name: "Other plan" });
      const switched = await patch({ product_id: other.id, proration_behavior: "prorate" });
      assert.equal(switched.status, 200, switched.text);
      assert.deepEqual(
        [switched.body.product_id, switched.body.prices.length, switched.body.meters.length, switched.body.price_id],
        [other.id, 2, 1, other.prices[0].id],
      );
      const granted = (await server.request("GET", `/v1/customers/${customer.id}/state`, { token: org.token })).body.granted_benefits;
      assert.deepEqual(granted.map((g: any) => g.benefit_id).sort(), benefits.map((b: any) => b.id).sort());
    });

    it("tenancy: another organization's products, customers, subscriptions and grants are out of reach", async () => {
      const server = get();
      const mine = await setup(server);
      const theirs = await setup(server);
      const cross = await server.request("POST", "/v1/subscriptions/", {
        token: mine.org.token,
        body: { product_id: theirs.product.id, customer_id: theirs.customer.id },
      });
      assert.deepEqual(cross.body, business(valueError(["body", "product_id"], "Product does not exist.", theirs.product.id)));
      const foreignCustomer = await server.request("POST", "/v1/subscriptions/", {
        token: mine.org.token,
        body: { product_id: mine.product.id, customer_id: theirs.customer.id },
      });
      assert.deepEqual(foreignCustomer.body, business(valueError(["body", "customer_id"], "Customer does not exist.", theirs.customer.id)));
      const theirList = await server.request("GET", "/v1/subscriptions/", { token: theirs.org.token });
      assert.deepEqual(
        theirList.body.items.map((s: any) => s.id),
        [theirs.sub.id],
      );
      for (const [method, body] of [["GET"], ["PATCH", { metadata: {} }], ["DELETE"]] as const) {
        const reply = await server.request(method, `/v1/subscriptions/${theirs.sub.id}`, { token: mine.org.token, body });
        assert.deepEqual([method, reply.status, reply.body], [method, 404, NOT_FOUND]);
      }
      const grants = await server.request("GET", `/v1/benefit-grants/?customer_id=${theirs.customer.id}`, { token: mine.org.token });
      assert.deepEqual(grants.body.items, []);
      const state = await server.request("GET", `/v1/customers/${theirs.customer.id}/state`, { token: mine.org.token });
      assert.equal(state.status, 404);
    });

    it("roles and scopes: finance reads but cannot manage sales; tokens need the subscriptions scopes", async () => {
      const server = get();
      const { org, sub } = await setup(server);
      const finance = await server.newUser([[org.id, "finance"]], SUBSCRIPTION_SCOPES);
      assert.equal((await server.request("GET", `/v1/subscriptions/${sub.id}`, { token: finance.token })).status, 200);
      const refused = await server.request("PATCH", `/v1/subscriptions/${sub.id}`, { token: finance.token, body: { metadata: {} } });
      assert.deepEqual(
        [refused.status, refused.body],
        [403, { error: "NotPermitted", detail: "You don't have permission to manage sales" }],
      );
      const refusedDelete = await server.request("DELETE", `/v1/subscriptions/${sub.id}`, { token: finance.token });
      assert.equal(refusedDelete.status, 403);
      const readOnly = await server.newToken(org.id, ["subscriptions:read", "benefits:read"]);
      assert.equal((await server.request("GET", "/v1/subscriptions/", { token: readOnly })).status, 200);
      assert.equal((await server.request("GET", "/v1/benefit-grants/", { token: readOnly })).status, 200);
      for (const [method, path] of [
        ["POST", "/v1/subscriptions/"],
        ["PATCH", `/v1/subscriptions/${sub.id}`],
        ["DELETE", `/v1/subscriptions/${sub.id}`],
      ]) {
        const reply = await server.request(method, path, { token: readOnly, body: method === "DELETE" ? undefined : {} });
        assert.deepEqual([method, reply.status, reply.body], [method, 403, INSUFFICIENT_SCOPE]);
      }
      const none = await server.newToken(org.id, ["customers:read"]);
      assert.equal((await server.request("GET", "/v1/subscriptions/", { token: none })).status, 403);
      assert.equal((await server.request("GET", "/v1/benefit-grants/", { token: none })).status, 403);
    });

    it("list: filters, the active flag and sorting", async () => {
      const server = get();
      const { org, sub, customer, product } = await setup(server);
      const other = await newCustomer(server, org.token);
      const second = await createSubscription(server, org.token, { product_id: product.id, customer_id: other.id, metadata: { k: "v" } });
      await server.request("DELETE", `/v1/subscriptions/${second.id}`, { token: org.token });
      const ids = async (query: string) => {
        const reply = await server.request("GET", `/v1/subscriptions/?${query}`, { token: org.token });
        assert.equal(reply.status, 200, reply.text);
        return reply.body.items.map((s: any) => s.id);
      };
      assert.deepEqual(await ids(""), [second.id, sub.id]);
      assert.deepEqual(await ids("sorting=started_at"), [sub.id, second.id]);
      assert.deepEqual(await ids("active=true"), [sub.id]);
      assert.deepEqual(await ids("active=false"), [second.id]);
      assert.deepEqual(await ids("status=canceled&status=active&sorting=status"), [sub.id, second.id]);
      assert.deepEqual(await ids(`customer_id=${customer.id}`), [sub.id]);
      assert.deepEqual(await ids(`external_customer_id=${encodeURIComponent(other.external_id)}`), [second.id]);
      assert.deepEqual(await ids("metadata[k]=v"), [second.id]);
      assert.deepEqual(await ids(`discount_id=${MISSING_ID}`), []);
      // PostgreSQL's null placement on both backends: nulls first descending, last ascending.
      assert.deepEqual(await ids("cancel_at_period_end=false&sorting=-ended_at"), [sub.id, second.id]);
      assert.deepEqual(await ids("sorting=ended_at"), [second.id, sub.id]);
      assert.deepEqual(await ids(`started_after=${encodeURIComponent(sub.started_at)}`), [second.id]);
      assert.deepEqual(await ids(`canceled_at_before=${encodeURIComponent(sub.started_at)}`), []);
      // U+0000 cannot be in a stored external id (PostgreSQL refuses it as a parameter): no match, no 500.
      assert.deepEqual(await ids("external_customer_id=a%00b"), []);
      const grants = await server.request("GET", "/v1/benefit-grants/?external_customer_id=a%00b", { token: org.token });
      assert.deepEqual([grants.status, grants.body.items], [200, []]);
      const bad = await server.request("GET", "/v1/subscriptions/?status=nope&sorting=nope", { token: org.token });
      assert.equal(bad.status, 422);
    });
  });
}
