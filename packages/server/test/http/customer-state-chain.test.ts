// The whole customer-state chain over HTTP on each backend, with time moved by
// the test clock rather than by calling the period-end job: meter → product
// with a metered price → three benefits → subscription by external customer
// id → usage (with a duplicate) → state; cancel at period end and advance past
// it; a second subscription renews on advance (meter reset and re-credited);
// revoke; deleting the customer ends the rest. Then two server instances on
// one database advance the same organization at once and process each period
// end exactly once.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Polar } from "polar-sdk-049";
import { createPolar } from "polar-sdk-101/2026-10";
import { freshDatabases } from "../support/backends.js";
import { DOMAIN_SCOPES, expectReply } from "../support/domain.js";
import { TestServer, type Credentials } from "../support/server.js";
import { Webhook } from "standardwebhooks";
import { Receiver, verified } from "../../src/modules/webhooks/tests/receiver.js";

const BACKENDS = freshDatabases("chain");

const SCOPES = DOMAIN_SCOPES;
const HOUR = 3_600_000;

const ok = expectReply;

const advance = (server: TestServer, org: Credentials, body: object) => ok(server, org, 200, "POST", "/v1/_test/clock/advance", body);
const meterNumbers = (state: any) => state.active_meters.map((m: any) => [m.consumed_units, m.credited_units, m.balance]);

for (const [backend, newDatabaseUrl] of Object.entries(BACKENDS)) {
  describe(`customer state chain (${backend})`, () => {
    it("meters, products, benefits, subscriptions, usage and time, as customer state reports them", async () => {
      const server = await TestServer.start(await newDatabaseUrl("chain"), { enableTestEndpoints: true });
      try {
        const org = await server.newOrganization(SCOPES);
        const meter = await ok(server, org, 201, "POST", "/v1/meters/", {
          name: "API calls",
          filter: { conjunction: "and", clauses: [{ property: "name", operator: "eq", value: "api_call" }] },
          aggregation: { func: "count" },
        });
        const product = await ok(server, org, 201, "POST", "/v1/products/", {
          name: "Pro",
          recurring_interval: "month",
          prices: [
            { amount_type: "fixed", price_amount: 0 },
            { amount_type: "metered_unit", meter_id: meter.id, unit_amount: "0.5" },
          ],
        });
        const benefits = [
          await ok(server, org, 201, "POST", "/v1/benefits/", { type: "custom", description: "Support", properties: {} }),
          await ok(server, org, 201, "POST", "/v1/benefits/", { type: "feature_flag", description: "Beta", properties: {} }),
          await ok(server, org, 201, "POST", "/v1/benefits/", {
            type: "meter_credit",
            description: "10 calls",
            properties: { units: 10, rollover: false, meter_id: meter.id },
          }),
        ];
        await ok(server, org, 200, "POST", `/v1/products/${product.id}/benefits`, { benefits: benefits.map((b) => b.id) });
        const customer = await ok(server, org, 201, "POST", "/v1/customers/", { email: "ada@example.com", external_id: "user_1" });

        const first = await ok(server, org, 201, "POST", "/v1/subscriptions/", { product_id: product.id, external_customer_id: "user_1" });
        const ingest = await ok(server, org, 200, "POST", "/v1/events/ingest", {
          events: [
            { name: "api_call", external_customer_id: "user_1", external_id: "call-1" },
            { name: "api_call", external_customer_id: "user_1", external_id: "call-1" },
            { name: "api_call", external_customer_id: "user_1", external_id: "call-2" },
            { name: "page_view", external_customer_id: "user_1" },
          ],
        });
        assert.deepEqual(ingest, { inserted: 3, duplicates: 1 });

        let state = await ok(server, org, 200, "GET", "/v1/customers/external/user_1/state");
        assert.deepEqual(
          state.active_subscriptions.map((s: any) => [
            s.id,
            s.status,
            s.price_id,
            s.meters.map((m: any) => [m.meter_id, m.consumed_units]),
          ]),
          [[first.id, "active", first.prices[0].id, [[meter.id, 2]]]],
        );
        assert.deepEqual(state.granted_benefits.map((g: any) => g.benefit_id).sort(), benefits.map((b) => b.id).sort());
        assert.deepEqual(
          meterNumbers(state),
          [[2, 10, 8]],
          "consumed 2 (the duplicate and the other event name do not count), credited 10",
        );
        const listed = await ok(server, org, 200, "GET", `/v1/customer-meters/?customer_id=${customer.id}`);
        assert.deepEqual(
          listed.items.map((m: any) => [m.meter_id, m.consumed_units, m.credited_units, m.balance]),
          [[meter.id, 2, 10, 8]],
        );
        // The official clients read the same state.
        assert.equal(
          (await new Polar({ accessToken: org.token, serverURL: server.url }).customers.getStateExternal({ externalId: "user_1" }))
            .activeMeters[0].balance,
          8,
        );
        const state101 = await createPolar({ accessToken: org.token, baseUrl: server.url }).customers.getStateExternal("user_1");
        assert.equal(state101.active_subscriptions.length, 1);

        // Cancel at period end, then move time past it: the subscription ends and its grants go.
        await ok(server, org, 200, "PATCH", `/v1/subscriptions/${first.id}`, { cancel_at_period_end: true });
        const moved = await advance(server, org, { to: new Date(Date.parse(first.current_period_end) + HOUR).toISOString() });
        assert.equal(moved.processed, 1);
        const ended = await ok(server, org, 200, "GET", `/v1/subscriptions/${first.id}`);
        assert.deepEqual([ended.status, ended.ended_at], ["canceled", first.current_period_end]);
        state = await ok(server, org, 200, "GET", `/v1/customers/${customer.id}/state`);
        assert.deepEqual([state.active_subscriptions, state.granted_benefits], [[], []]);
        assert.equal(state.active_meters[0].consumed_units, 0, "the meter was reset at the period end");

        // A second subscription renews when time passes its period end: new period, meter reset and re-credited.
        const second = await ok(server, org, 201, "POST", "/v1/subscriptions/", { product_id: product.id, customer_id: customer.id });
        await ok(server, org, 200, "POST", "/v1/events/ingest", { events: [{ name: "api_call", customer_id: customer.id }] });
        assert.deepEqual(meterNumbers(await ok(server, org, 200, "GET", `/v1/customers/${customer.id}/state`)), [[1, 10, 9]]);
        const renewed = await advance(server, org, { to: new Date(Date.parse(second.current_period_end) + HOUR).toISOString() });
        assert.equal(renewed.processed, 1);
        const cycled = await ok(server, org, 200, "GET", `/v1/subscriptions/${second.id}`);
        assert.deepEqual([cycled.status, cycled.current_period_start], ["active", second.current_period_end]);
        state = await ok(server, org, 200, "GET", `/v1/customers/${customer.id}/state`);
        assert.equal(state.active_subscriptions.length, 1);
        assert.equal(state.granted_benefits.length, 3, "grants kept across a renewal");
        assert.deepEqual(meterNumbers(state), [[0, 10, 10]], "usage reset, credits granted again");

        // Revoke ends it at once.
        const revoked = await ok(server, org, 200, "DELETE", `/v1/subscriptions/${second.id}`);
        assert.equal(revoked.status, "canceled");
        state = await ok(server, org, 200, "GET", `/v1/customers/${customer.id}/state`);
        assert.deepEqual([state.active_subscriptions, state.granted_benefits], [[], []]);

        // Deleting the customer cancels what is left and revokes its grants, in the same transaction.
        const third = await ok(server, org, 201, "POST", "/v1/subscriptions/", { product_id: product.id, customer_id: customer.id });
        await ok(server, org, 204, "DELETE", `/v1/customers/${customer.id}`);
        assert.equal((await ok(server, org, 200, "GET", `/v1/subscriptions/${third.id}`)).status, "canceled");
        const grants = await ok(server, org, 200, "GET", `/v1/benefit-grants/?customer_id=${customer.id}&is_granted=true`);
        assert.equal(grants.pagination.total_count, 0);
      } finally {
        await server.close();
      }
    });

    it("usage sent under an external id becomes the meters of the customer who gets that id later", async () => {
      const server = await TestServer.start(await newDatabaseUrl("later"), { enableTestEndpoints: true });
      try {
        const org = await server.newOrganization(SCOPES);
        const meter = await ok(server, org, 201, "POST", "/v1/meters/", {
          name: "Calls",
          filter: { conjunction: "and", clauses: [] },
          aggregation: { func: "count" },
        });
        await ok(server, org, 200, "POST", "/v1/events/ingest", {
          events: [
            { name: "call", external_customer_id: "signup-1" },
            { name: "call", external_customer_id: "signup-2" },
          ],
        });
        const created = await ok(server, org, 201, "POST", "/v1/customers/", { email: "new@example.com", external_id: "signup-1" });
        const later = await ok(server, org, 201, "POST", "/v1/customers/", { email: "later@example.com" });
        await ok(server, org, 200, "PATCH", `/v1/customers/${later.id}`, { external_id: "signup-2" });
        for (const customer of [created, later]) {
          const state = await ok(server, org, 200, "GET", `/v1/customers/${customer.id}/state`);
          assert.deepEqual(
            state.active_meters.map((m: any) => [m.meter_id, m.consumed_units]),
            [[meter.id, 1]],
            customer.email,
          );
          const listed = await ok(server, org, 200, "GET", `/v1/customer-meters/?customer_id=${customer.id}`);
          assert.equal(listed.pagination.total_count, 1, customer.email);
        }
      } finally {
        await server.close();
      }
    });

    it("a burst of changes gives one signed customer.state_changed webhook with the final state", async () => {
      const server = await TestServer.start(await newDatabaseUrl("state-webhook"), { enableTestEndpoints: true });
      const receiver = await Receiver.start();
      try {
        const org = await server.newOrganization([...SCOPES, "webhooks:read", "webhooks:write"]);
        const endpoint = await ok(server, org, 201, "POST", "/v1/webhooks/endpoints", {
          url: receiver.url,
          format: "raw",
          events: ["customer.state_changed"],
        });
        const benefit = await ok(server, org, 201, "POST", "/v1/benefits/", { type: "feature_flag", description: "Beta", properties: {} });
        const product = await ok(server, org, 201, "POST", "/v1/products/", {
          name: "Pro",
          recurring_interval: "month",
          prices: [{ amount_type: "fixed", price_amount: 0 }],
        });
        await ok(server, org, 200, "POST", `/v1/products/${product.id}/benefits`, { benefits: [benefit.id] });
        // Create, subscribe and cancel at period end in quick succession: one customer, one burst.
        const customer = await ok(server, org, 201, "POST", "/v1/customers/", { email: "burst@example.com" });
        const sub = await ok(server, org, 201, "POST", "/v1/subscriptions/", { product_id: product.id, customer_id: customer.id });
        await ok(server, org, 200, "PATCH", `/v1/subscriptions/${sub.id}`, { cancel_at_period_end: true });
        const [delivery] = await receiver.waitFor((r) => r.length >= 1, "customer.state_changed");
        const event = verified(delivery, endpoint.secret) as { type: string; data: any };
        assert.equal(event.type, "customer.state_changed");
        const data = JSON.parse(delivery.body).data;
        assert.equal(data.id, customer.id);
        assert.deepEqual(
          data.active_subscriptions.map((s: any) => [s.id, s.cancel_at_period_end]),
          [[sub.id, true]],
          "the state as it was when sent, after the whole burst",
        );
        assert.deepEqual(
          data.granted_benefits.map((g: any) => g.benefit_id),
          [benefit.id],
        );
        // Nothing else of that burst is sent later.
        await ok(server, org, 200, "PATCH", `/v1/customers/${customer.id}`, { name: "After" });
        const all = await receiver.waitFor((r) => r.length >= 2, "the next state change");
        assert.equal(all.length, 2);
        assert.equal(JSON.parse(all[1].body).data.name, "After");
        // Usage that a meter counts changes the state too.
        const meter = await ok(server, org, 201, "POST", "/v1/meters/", {
          name: "Calls",
          filter: { conjunction: "and", clauses: [] },
          aggregation: { func: "count" },
        });
        await ok(server, org, 200, "POST", "/v1/events/ingest", { events: [{ name: "call", customer_id: customer.id }] });
        const third = (await receiver.waitFor((r) => r.length >= 3, "the state change of an ingest"))[2];
        assert.deepEqual(
          JSON.parse(third.body).data.active_meters.map((m: any) => [m.meter_id, m.consumed_units]),
          [[meter.id, 1]],
        );
      } finally {
        await receiver.close();
        await server.close();
      }
    });

    it("subscription webhooks: Polar's sequence per change, the subscription as sent, decoded by the official SDK", async () => {
      const server = await TestServer.start(await newDatabaseUrl("subscription-webhooks"), { enableTestEndpoints: true });
      const receiver = await Receiver.start();
      try {
        const org = await server.newOrganization([...SCOPES, "webhooks:read", "webhooks:write"]);
        const types = ["created", "active", "updated", "canceled", "uncanceled", "revoked", "cycled"].map((t) => `subscription.${t}`);
        const endpoint = await ok(server, org, 201, "POST", "/v1/webhooks/endpoints", { url: receiver.url, format: "raw", events: types });
        const product = await ok(server, org, 201, "POST", "/v1/products/", {
          name: "Pro",
          recurring_interval: "month",
          prices: [{ amount_type: "fixed", price_amount: 0 }],
        });
        const customer = await ok(server, org, 201, "POST", "/v1/customers/", { email: "hooks@example.com" });
        let seen = 0;
        const next = async (expected: string[]) => {
          const all = await receiver.waitFor((r) => r.length >= seen + expected.length, expected.join(", "));
          const batch = all.slice(seen, seen + expected.length);
          seen += expected.length;
          const events = batch.map((d) => {
            // 0.49.0's validateEvent does not know subscription.cycled: its signature is checked on its own.
            if (JSON.parse(d.body).type === "subscription.cycled") {
              const headers = Object.fromEntries(
                ["webhook-id", "webhook-timestamp", "webhook-signature"].map((h) => [h, String(d.headers[h])]),
              );
              return new Webhook(Buffer.from(endpoint.secret, "utf8").toString("base64")).verify(d.body, headers) as any;
            }
            return verified(d, endpoint.secret) as { type: string; data: { id: string; status: string } };
          });
          // Deliveries run side by side, so arrival order is not guaranteed (as on Polar): compare the sets.
          assert.deepEqual(events.map((e) => e.type).sort(), [...expected].sort());
          return events;
        };
        const sub = await ok(server, org, 201, "POST", "/v1/subscriptions/", { product_id: product.id, customer_id: customer.id });
        const created = await next(["subscription.created", "subscription.active", "subscription.updated"]);
        assert.ok(created.every((e) => e.data.id === sub.id));
        await ok(server, org, 200, "PATCH", `/v1/subscriptions/${sub.id}`, { cancel_at_period_end: true });
        await next(["subscription.updated", "subscription.canceled"]);
        await ok(server, org, 200, "PATCH", `/v1/subscriptions/${sub.id}`, { cancel_at_period_end: false });
        await next(["subscription.updated", "subscription.uncanceled"]);
        await advance(server, org, { to: new Date(Date.parse(sub.current_period_end) + HOUR).toISOString() });
        await next(["subscription.cycled", "subscription.updated"]);
        await ok(server, org, 200, "DELETE", `/v1/subscriptions/${sub.id}`);
        const revoked = await next(["subscription.updated", "subscription.canceled", "subscription.revoked"]);
        assert.ok(revoked.every((e) => e.data.status === "canceled"));
      } finally {
        await receiver.close();
        await server.close();
      }
    });

    it("benefit grant webhooks: created, cycled at a renewal and revoked, with the grant's full properties", async () => {
      const server = await TestServer.start(await newDatabaseUrl("grant-webhooks"), { enableTestEndpoints: true });
      const receiver = await Receiver.start();
      try {
        const org = await server.newOrganization([...SCOPES, "webhooks:read", "webhooks:write"]);
        const endpoint = await ok(server, org, 201, "POST", "/v1/webhooks/endpoints", {
          url: receiver.url,
          format: "raw",
          events: ["benefit_grant.created", "benefit_grant.cycled", "benefit_grant.revoked"],
        });
        const meter = await ok(server, org, 201, "POST", "/v1/meters/", {
          name: "Calls",
          filter: { conjunction: "and", clauses: [] },
          aggregation: { func: "count" },
        });
        const custom = await ok(server, org, 201, "POST", "/v1/benefits/", { type: "custom", description: "Support", properties: {} });
        const credit = await ok(server, org, 201, "POST", "/v1/benefits/", {
          type: "meter_credit",
          description: "Credits",
          properties: { units: 5, rollover: false, meter_id: meter.id },
        });
        const product = await ok(server, org, 201, "POST", "/v1/products/", {
          name: "Pro",
          recurring_interval: "month",
          prices: [{ amount_type: "fixed", price_amount: 0 }],
        });
        await ok(server, org, 200, "POST", `/v1/products/${product.id}/benefits`, { benefits: [custom.id, credit.id] });
        const customer = await ok(server, org, 201, "POST", "/v1/customers/", { email: "grants@example.com" });
        let seen = 0;
        const next = async (type: string) => {
          const all = await receiver.waitFor((r) => r.length >= seen + 2, `two ${type}`);
          const batch = all.slice(seen, seen + 2).map((d) => {
            assert.ok(verified(d, endpoint.secret));
            return JSON.parse(d.body) as { type: string; data: any };
          });
          seen += 2;
          assert.deepEqual(
            batch.map((e) => e.type),
            [type, type],
          );
          return new Map(batch.map((e) => [e.data.benefit_id, e.data]));
        };
        const sub = await ok(server, org, 201, "POST", "/v1/subscriptions/", { product_id: product.id, customer_id: customer.id });
        const created = await next("benefit_grant.created");
        assert.deepEqual([created.get(custom.id).is_granted, created.get(custom.id).properties], [true, {}]);
        assert.deepEqual(Object.keys(created.get(credit.id).properties).sort(), [
          "last_credited_at",
          "last_credited_meter_id",
          "last_credited_units",
        ]);
        assert.equal(created.get(credit.id).properties.last_credited_units, 5);
        assert.equal(created.get(credit.id).customer.id, customer.id);
        await advance(server, org, { to: new Date(Date.parse(sub.current_period_end) + HOUR).toISOString() });
        await next("benefit_grant.cycled");
        await ok(server, org, 200, "DELETE", `/v1/subscriptions/${sub.id}`);
        const revoked = await next("benefit_grant.revoked");
        assert.ok([...revoked.values()].every((g) => g.is_revoked && !g.is_granted));
      } finally {
        await receiver.close();
        await server.close();
      }
    });

    it("two instances advancing one organization at once process each period end exactly once", async () => {
      const url = await newDatabaseUrl("two-instances");
      const one = await TestServer.start(url, { enableTestEndpoints: true });
      const two = await TestServer.start(url, { enableTestEndpoints: true });
      try {
        const org = await one.newOrganization(SCOPES);
        const daily = await ok(one, org, 201, "POST", "/v1/products/", {
          name: "Daily",
          recurring_interval: "day",
          prices: [{ amount_type: "fixed", price_amount: 0 }],
        });
        const subscriptions = [];
        for (let i = 0; i < 5; i++) {
          const customer = await ok(one, org, 201, "POST", "/v1/customers/", { email: `c${i}@example.com` });
          subscriptions.push(await ok(one, org, 201, "POST", "/v1/subscriptions/", { product_id: daily.id, customer_id: customer.id }));
        }
        const to = new Date(Date.parse(subscriptions[4].current_period_end) + 2 * 86_400_000 + HOUR).toISOString();
        const [a, b] = await Promise.all([advance(one, org, { to }), advance(two, org, { to })]);
        assert.equal(a.processed + b.processed, 15, `processed ${a.processed} + ${b.processed}: 5 subscriptions × 3 period ends`);
        for (const s of subscriptions) {
          const now = await ok(two, org, 200, "GET", `/v1/subscriptions/${s.id}`);
          assert.equal(Date.parse(now.current_period_start), Date.parse(s.current_period_start) + 3 * 86_400_000, "renewed three times");
        }
      } finally {
        await two.close();
        await one.close();
      }
    });
  });
}
