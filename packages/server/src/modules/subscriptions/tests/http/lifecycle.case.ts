// The whole chain over HTTP: product with benefits → subscription by external
// customer id → state → cancel at period end → period-end job → ended;
// renewals; revoke; customer deletion.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { GetServer } from "../../../../../test/support/contract.js";
import { createProduct } from "../../../../../test/support/catalog.js";
import { processDuePeriodEnds } from "../../index.js";
import { createSubscription, newCustomer, planWithBenefits, subscriptionOrg } from "./support.js";

export const SUBSCRIPTION_KEYS = [
  "created_at",
  "modified_at",
  "id",
  "amount",
  "currency",
  "recurring_interval",
  "recurring_interval_count",
  "status",
  "current_period_start",
  "current_period_end",
  "current_meter_period_start",
  "current_meter_period_end",
  "trial_start",
  "trial_end",
  "cancel_at_period_end",
  "canceled_at",
  "started_at",
  "ends_at",
  "ended_at",
  "past_due_at",
  "pause_at_period_end",
  "paused_at",
  "resumes_at",
  "customer_id",
  "product_id",
  "discount_id",
  "checkout_id",
  "seats",
  "units",
  "customer_cancellation_reason",
  "customer_cancellation_comment",
  "metadata",
  "custom_field_data",
  "customer",
  "product",
  "discount",
  "prices",
  "meters",
  "pending_update",
  "price_id",
  "price",
  "user_id",
  "user",
];

const later = (iso: string, ms = 1000) => new Date(Date.parse(iso) + ms);
const DAY = 86_400_000;

export function subscriptionLifecycleCases(get: GetServer): void {
  describe("subscriptions: lifecycle, grants and customer state", () => {
    it("subscribes by external id, shows state, cancels at period end and ends at the period-end job", async () => {
      const server = get();
      const org = await subscriptionOrg(server);
      const { product, benefits, meter } = await planWithBenefits(server, org.token);
      const customer = await newCustomer(server, org.token, { name: "Ada" });

      const sub = await createSubscription(server, org.token, {
        product_id: product.id,
        external_customer_id: customer.external_id,
        metadata: { seat: "a" },
      });
      assert.deepEqual(Object.keys(sub), SUBSCRIPTION_KEYS);
      assert.deepEqual(
        [sub.status, sub.amount, sub.currency, sub.recurring_interval, sub.recurring_interval_count, sub.cancel_at_period_end],
        ["active", 0, "usd", "month", 1, false],
      );
      assert.equal(sub.started_at, sub.current_period_start);
      assert.equal(sub.created_at, sub.started_at);
      // One month later, the day clamped to the next month's length.
      const start = new Date(sub.current_period_start);
      const [y, m, d] = [start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate()];
      const day = Math.min(d, new Date(Date.UTC(y, m + 2, 0)).getUTCDate());
      const end = Date.UTC(y, m + 1, day, start.getUTCHours(), start.getUTCMinutes(), start.getUTCSeconds(), start.getUTCMilliseconds());
      assert.equal(Date.parse(sub.current_period_end), end);
      assert.deepEqual([sub.customer_id, sub.customer.id, sub.user_id, sub.user.id], [customer.id, customer.id, customer.id, customer.id]);
      assert.deepEqual(sub.user, {
        id: customer.id,
        email: customer.email,
        public_name: "A",
        avatar_url: customer.avatar_url,
        github_username: null,
      });
      assert.equal(sub.product.id, product.id);
      assert.deepEqual(sub.metadata, { seat: "a" });
      assert.equal(sub.prices.length, 2);
      assert.equal(sub.price_id, sub.prices[0].id);
      assert.deepEqual(sub.price, sub.prices[0]);
      assert.equal(sub.meters.length, 1);
      assert.deepEqual(
        [sub.meters[0].meter_id, sub.meters[0].consumed_units, sub.meters[0].credited_units, sub.meters[0].amount, sub.meters[0].meter.id],
        [meter.id, 0, 0, 0, meter.id],
      );

      const state = await server.request("GET", `/v1/customers/external/${customer.external_id}/state`, { token: org.token });
      assert.equal(state.status, 200, state.text);
      assert.equal(state.body.active_subscriptions.length, 1);
      const active = state.body.active_subscriptions[0];
      assert.deepEqual(
        [active.id, active.status, active.price_id, active.product_id, active.meters.length],
        [sub.id, "active", sub.price_id, product.id, 1],
      );
      assert.deepEqual(Object.keys(active.meters[0]), [
        "created_at",
        "modified_at",
        "id",
        "consumed_units",
        "credited_units",
        "amount",
        "meter_id",
      ]);
      assert.deepEqual(
        state.body.granted_benefits.map((g: any) => [g.benefit_id, g.benefit_type, g.properties]).sort(),
        benefits.map((b) => [b.id, b.type, {}]).sort(),
      );
      const custom = state.body.granted_benefits.find((g: any) => g.benefit_type === "custom");
      assert.deepEqual(Object.keys(custom), [
        "id",
        "created_at",
        "modified_at",
        "granted_at",
        "benefit_id",
        "benefit_type",
        "benefit_metadata",
        "properties",
      ]);
      assert.deepEqual(custom.benefit_metadata, { tier: 1 });
      // The meter_credit grant credited the customer's meter (the usage module's ledger).
      assert.deepEqual(
        state.body.active_meters.map((m: any) => [m.meter_id, m.consumed_units, m.credited_units, m.balance]),
        [[meter.id, 0, 100, 100]],
      );
      // Python floats on the wire.
      assert.match(state.text, /"consumed_units":0\.0,/);
      const byId = await server.request("GET", `/v1/customers/${customer.id}/state`, { token: org.token });
      assert.deepEqual(byId.body, state.body);

      const grants = await server.request("GET", `/v1/benefit-grants/?customer_id=${customer.id}`, { token: org.token });
      assert.equal(grants.status, 200, grants.text);
      assert.equal(grants.body.pagination.total_count, 3);
      for (const g of grants.body.items) {
        assert.deepEqual(
          [g.is_granted, g.is_revoked, g.subscription_id, g.user_id, g.properties, g.member, g.error],
          [true, false, sub.id, customer.id, {}, null, null],
        );
        assert.equal(g.customer.id, customer.id);
      }

      const canceled = await server.request("PATCH", `/v1/subscriptions/${sub.id}`, {
        token: org.token,
        body: { cancel_at_period_end: true, customer_cancellation_reason: "too_expensive", customer_cancellation_comment: "" },
      });
      assert.equal(canceled.status, 200, canceled.text);
      assert.deepEqual(
        [
          canceled.body.status,
          canceled.body.cancel_at_period_end,
          canceled.body.ends_at,
          canceled.body.customer_cancellation_reason,
          canceled.body.customer_cancellation_comment,
        ],
        ["active", true, sub.current_period_end, "too_expensive", null],
      );
      assert.ok(canceled.body.canceled_at !== null);
      // Still active (and granted) until the period ends.
      const before = await server.request("GET", `/v1/customers/${customer.id}/state`, { token: org.token });
      assert.deepEqual([before.body.active_subscriptions[0].cancel_at_period_end, before.body.granted_benefits.length], [true, 3]);

      assert.equal(
        await processDuePeriodEnds(server.storage, { upTo: new Date(Date.parse(sub.current_period_end) - 1), organizationIds: [org.id] }),
        0,
      );
      assert.equal(await processDuePeriodEnds(server.storage, { upTo: later(sub.current_period_end), organizationIds: [org.id] }), 1);
      const ended = await server.request("GET", `/v1/subscriptions/${sub.id}`, { token: org.token });
      assert.deepEqual(
        [ended.body.status, ended.body.ended_at, ended.body.ends_at, ended.body.cancel_at_period_end, ended.body.current_period_end],
        ["canceled", sub.current_period_end, sub.current_period_end, true, sub.current_period_end],
      );
      const after = await server.request("GET", `/v1/customers/${customer.id}/state`, { token: org.token });
      assert.deepEqual([after.body.active_subscriptions, after.body.granted_benefits], [[], []]);
      const revoked = await server.request("GET", `/v1/benefit-grants/?customer_id=${customer.id}&is_granted=false`, { token: org.token });
      assert.equal(revoked.body.items.length, 3);
      for (const g of revoked.body.items) assert.deepEqual([g.is_granted, g.is_revoked, g.granted_at], [false, true, null]);
      // Nothing left to do: a second run processes nothing.
      assert.equal(
        await processDuePeriodEnds(server.storage, { upTo: later(sub.current_period_end, 400 * DAY), organizationIds: [org.id] }),
        0,
      );
    });

    it("renews at each period end, in order, moving the period; grants stay", async () => {
      const server = get();
      const org = await subscriptionOrg(server);
      const daily = await createProduct(server, org.token, { recurring_interval: "day", recurring_interval_count: 2 });
      const customer = await newCustomer(server, org.token);
      const sub = await createSubscription(server, org.token, { product_id: daily.id, customer_id: customer.id });
      const start = Date.parse(sub.current_period_start);
      assert.equal(Date.parse(sub.current_period_end), start + 2 * DAY);
      // Three periods behind: three renewals, one per period end.
      assert.equal(await processDuePeriodEnds(server.storage, { upTo: new Date(start + 6 * DAY + 1000), organizationIds: [org.id] }), 3);
      const renewed = (await server.request("GET", `/v1/subscriptions/${sub.id}`, { token: org.token })).body;
      assert.deepEqual(
        [renewed.status, Date.parse(renewed.current_period_start), Date.parse(renewed.current_period_end), renewed.started_at],
        ["active", start + 6 * DAY, start + 8 * DAY, sub.started_at],
      );
      assert.equal(renewed.modified_at, renewed.current_period_start);
      // Another organization's due subscriptions are not this call's business.
      assert.equal(
        await processDuePeriodEnds(server.storage, {
          upTo: new Date(start + 100 * DAY),
          excludeOrganizationIds: [org.id],
          organizationIds: [org.id],
        }),
        0,
      );
    });

    it("revokes now (DELETE and PATCH revoke) and refuses a second revoke", async () => {
      const server = get();
      const org = await subscriptionOrg(server);
      const { product } = await planWithBenefits(server, org.token);
      const customer = await newCustomer(server, org.token);
      const one = await createSubscription(server, org.token, { product_id: product.id, customer_id: customer.id });
      const two = await createSubscription(server, org.token, { product_id: product.id, customer_id: customer.id });
      const state = await server.request("GET", `/v1/customers/${customer.id}/state`, { token: org.token });
      assert.deepEqual([state.body.active_subscriptions.length, state.body.granted_benefits.length], [2, 6]);

      const deleted = await server.request("DELETE", `/v1/subscriptions/${one.id}`, { token: org.token });
      assert.equal(deleted.status, 200, deleted.text);
      assert.equal(deleted.body.status, "canceled");
      assert.ok(deleted.body.ended_at !== null);
      assert.deepEqual([deleted.body.canceled_at, deleted.body.ends_at], [deleted.body.ended_at, deleted.body.ended_at]);
      assert.equal(deleted.body.cancel_at_period_end, false);
      const patched = await server.request("PATCH", `/v1/subscriptions/${two.id}`, {
        token: org.token,
        body: { revoke: true, customer_cancellation_reason: "unused", customer_cancellation_comment: "bye" },
      });
      assert.equal(patched.status, 200, patched.text);
      assert.deepEqual(
        [patched.body.status, patched.body.customer_cancellation_reason, patched.body.customer_cancellation_comment],
        ["canceled", "unused", "bye"],
      );
      const empty = await server.request("GET", `/v1/customers/${customer.id}/state`, { token: org.token });
      assert.deepEqual([empty.body.active_subscriptions, empty.body.granted_benefits], [[], []]);
      const again = await server.request("DELETE", `/v1/subscriptions/${one.id}`, { token: org.token });
      assert.deepEqual([again.status, again.body], [403, ALREADY_CANCELED]);
    });

    it("deleting the customer cancels its subscriptions and revokes its grants", async () => {
      const server = get();
      const org = await subscriptionOrg(server);
      const { product } = await planWithBenefits(server, org.token);
      const customer = await newCustomer(server, org.token);
      const sub = await createSubscription(server, org.token, { product_id: product.id, external_customer_id: customer.external_id });
      const deleted = await server.request("DELETE", `/v1/customers/${customer.id}`, { token: org.token });
      assert.equal(deleted.status, 204, deleted.text);
      const after = await server.request("GET", `/v1/subscriptions/${sub.id}`, { token: org.token });
      assert.equal(after.status, 200, after.text);
      assert.deepEqual(
        [after.body.status, after.body.ended_at !== null, after.body.customer.deleted_at !== null],
        ["canceled", true, true],
      );
      const grants = await server.request("GET", `/v1/benefit-grants/?customer_id=${customer.id}`, { token: org.token });
      assert.deepEqual(
        grants.body.items.map((g: any) => g.is_granted),
        [false, false, false],
      );
      const list = await server.request("GET", `/v1/customers/?active=true`, { token: org.token });
      assert.equal(list.body.items.length, 0);
    });

    it("benefit changes on the product re-sync grants; benefit deletion revokes them", async () => {
      const server = get();
      const org = await subscriptionOrg(server);
      const { product, benefits } = await planWithBenefits(server, org.token);
      const customer = await newCustomer(server, org.token);
      await createSubscription(server, org.token, { product_id: product.id, customer_id: customer.id });
      const granted = async () =>
        (await server.request("GET", `/v1/customers/${customer.id}/state`, { token: org.token })).body.granted_benefits
          .map((g: any) => g.benefit_id)
          .sort();
      const [custom, flag, credit] = benefits;
      await server.request("POST", `/v1/products/${product.id}/benefits`, { token: org.token, body: { benefits: [custom.id] } });
      assert.deepEqual(await granted(), [custom.id]);
      await server.request("POST", `/v1/products/${product.id}/benefits`, {
        token: org.token,
        body: { benefits: [custom.id, flag.id, credit.id] },
      });
      assert.deepEqual(await granted(), [custom.id, flag.id, credit.id].sort());
      // Re-granting reuses the rows: still three grants for this customer.
      const all = await server.request("GET", `/v1/benefit-grants/?customer_id=${customer.id}`, { token: org.token });
      assert.equal(all.body.pagination.total_count, 3);
      const removed = await server.request("DELETE", `/v1/benefits/${flag.id}`, { token: org.token });
      assert.equal(removed.status, 204);
      assert.deepEqual(await granted(), [custom.id, credit.id].sort());
      const ofFlag = await server.request("GET", `/v1/benefits/${flag.id}/grants`, { token: org.token });
      assert.equal(ofFlag.status, 404);
      const ofCustom = await server.request("GET", `/v1/benefits/${custom.id}/grants?is_granted=true`, { token: org.token });
      assert.deepEqual([ofCustom.status, ofCustom.body.items.length, ofCustom.body.items[0].benefit.id], [200, 1, custom.id]);
    });
  });
}

export const ALREADY_CANCELED = {
  error: "AlreadyCanceledSubscription",
  detail: "This subscription is already canceled or will be at the end of the period.",
};
