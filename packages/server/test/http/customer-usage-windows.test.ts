// One customer's usage over several meters whose windows differ, over HTTP on
// each backend, against numbers worked out by hand: a meter reset by a renewal
// (with a rollover credit carried into its new window), a meter never reset
// whose subscription window starts later than the meter's, and a max meter;
// events sent by customer id and by external id, with other customers' events
// around. Customer state reads all of a customer's meters in one pass over its
// events, the customer-meters endpoints and subscription reads too: each of
// them must come out at these numbers.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { freshDatabases } from "../support/backends.js";
import { DOMAIN_SCOPES, expectReply } from "../support/domain.js";
import { TestServer } from "../support/server.js";

const BACKENDS = freshDatabases("usage-windows");

const SCOPES = DOMAIN_SCOPES;
const HOUR = 3_600_000;

const ok = expectReply;

type Numbers = Record<string, [consumed: number, credited: number, balance: number]>;

const byMeter = (rows: any[]): Numbers =>
  Object.fromEntries(rows.map((m: any) => [m.meter_id, [m.consumed_units, m.credited_units, m.balance]]));
const subscriptionUsage = (subscriptions: any[]) =>
  Object.fromEntries(subscriptions.map((s: any) => [s.id, s.meters.map((m: any) => [m.meter_id, m.consumed_units])]));

for (const [backend, newDatabaseUrl] of Object.entries(BACKENDS)) {
  describe(`customer usage windows (${backend})`, () => {
    it("state, customer meters and subscriptions agree with hand-computed numbers for meters with different windows", async () => {
      const server = await TestServer.start(await newDatabaseUrl("windows"), { enableTestEndpoints: true });
      try {
        const org = await server.newOrganization(SCOPES);
        const meter = (name: string, event: string, aggregation: object) =>
          ok(server, org, 201, "POST", "/v1/meters/", {
            name,
            filter: { conjunction: "and", clauses: [{ property: "name", operator: "eq", value: event }] },
            aggregation,
          });
        const calls = await meter("Calls", "api_call", { func: "count" });
        const tokens = await meter("Tokens", "llm", { func: "sum", property: "tokens" });
        const uploads = await meter("Largest upload", "upload", { func: "max", property: "bytes" });
        const customer = await ok(server, org, 201, "POST", "/v1/customers/", { email: "ada@example.com", external_id: "u1" });
        const other = await ok(server, org, 201, "POST", "/v1/customers/", { email: "bob@example.com", external_id: "u2" });
        const ingest = (events: object[]) => ok(server, org, 200, "POST", "/v1/events/ingest", { events });
        const mine = (by: "id" | "external", name: string, metadata?: object) =>
          by === "id" ? { name, customer_id: customer.id, metadata } : { name, external_customer_id: "u1", metadata };

        // Before any subscription: usage by id and by external id, and other customers' usage.
        await ingest([
          mine("external", "api_call"),
          mine("external", "llm", { tokens: 5 }),
          mine("id", "llm", { tokens: 2.5 }),
          mine("external", "upload", { bytes: 300 }),
          mine("id", "upload", { bytes: 120 }),
          { name: "api_call", external_customer_id: "u2" },
          { name: "llm", customer_id: other.id, metadata: { tokens: 1000 } },
          { name: "llm", external_customer_id: "nobody", metadata: { tokens: 1000 } },
        ]);
        // An hour later (so the subscriptions' periods start after those events), two subscriptions:
        // monthly on calls (10 rollover credits), yearly on tokens (100 credits).
        await ok(server, org, 200, "POST", "/v1/_test/clock/advance", { by: "1h" });
        const benefit = (description: string, properties: object) =>
          ok(server, org, 201, "POST", "/v1/benefits/", { type: "meter_credit", description, properties });
        const callCredits = await benefit("10 calls", { units: 10, rollover: true, meter_id: calls.id });
        const tokenCredits = await benefit("100 tokens", { units: 100, rollover: false, meter_id: tokens.id });
        const product = async (name: string, interval: string, meterId: string, benefitId: string) => {
          const created = await ok(server, org, 201, "POST", "/v1/products/", {
            name,
            recurring_interval: interval,
            prices: [
              { amount_type: "fixed", price_amount: 0 },
              { amount_type: "metered_unit", meter_id: meterId, unit_amount: "0.5" },
            ],
          });
          await ok(server, org, 200, "POST", `/v1/products/${created.id}/benefits`, { benefits: [benefitId] });
          return created;
        };
        const monthly = await product("Calls plan", "month", calls.id, callCredits.id);
        const yearly = await product("Tokens plan", "year", tokens.id, tokenCredits.id);
        const onCalls = await ok(server, org, 201, "POST", "/v1/subscriptions/", { product_id: monthly.id, customer_id: customer.id });
        const onTokens = await ok(server, org, 201, "POST", "/v1/subscriptions/", { product_id: yearly.id, customer_id: customer.id });
        await ingest([
          mine("external", "api_call"),
          mine("external", "api_call"),
          mine("id", "api_call"),
          mine("external", "llm", { tokens: 10 }),
          mine("id", "llm", { tokens: 1.25 }),
        ]);

        const check = async (meters: Numbers, subscriptions: Record<string, [string, number][]>, when: string) => {
          for (const path of [`/v1/customers/${customer.id}/state`, "/v1/customers/external/u1/state"]) {
            const state = await ok(server, org, 200, "GET", path);
            assert.deepEqual(byMeter(state.active_meters), meters, `${when}: ${path} active_meters`);
            assert.deepEqual(subscriptionUsage(state.active_subscriptions), subscriptions, `${when}: ${path} subscription meters`);
          }
          const listed = await ok(server, org, 200, "GET", `/v1/customer-meters/?customer_id=${customer.id}`);
          assert.deepEqual(byMeter(listed.items), meters, `${when}: customer-meters list`);
          const sorted = await ok(server, org, 200, "GET", `/v1/customer-meters/?customer_id=${customer.id}&sorting=-balance`);
          assert.deepEqual(
            sorted.items.map((m: any) => m.balance),
            Object.values(meters)
              .map(([, , balance]) => balance)
              .sort((a, b) => b - a),
            `${when}: sorted by balance`,
          );
          for (const row of listed.items) {
            const one = await ok(server, org, 200, "GET", `/v1/customer-meters/${row.id}`);
            assert.deepEqual(byMeter([one]), { [row.meter_id]: meters[row.meter_id] }, `${when}: customer meter ${row.id}`);
          }
          const subs = await ok(server, org, 200, "GET", `/v1/subscriptions/?customer_id=${customer.id}`);
          assert.deepEqual(subscriptionUsage(subs.items), subscriptions, `${when}: subscriptions list`);
          for (const id of Object.keys(subscriptions)) {
            const one = await ok(server, org, 200, "GET", `/v1/subscriptions/${id}`);
            assert.deepEqual(subscriptionUsage([one]), { [id]: subscriptions[id] }, `${when}: subscription ${id}`);
          }
        };

        // Nothing reset yet: each meter's window is all history; the subscriptions count from their start.
        await check(
          {
            [calls.id]: [4, 10, 6], // 1 before + 3 after, all windows open
            [tokens.id]: [18.75, 100, 81.25], // 5 + 2.5 + 10 + 1.25
            [uploads.id]: [300, 0, -300],
          },
          { [onCalls.id]: [[calls.id, 3]], [onTokens.id]: [[tokens.id, 11.25]] },
          "before the renewal",
        );

        // Past the monthly period end: the calls meter resets. Rollover carried: min(floor(0 + 10 − 4), 10) = 6,
        // then the renewal credits 10 again, both inside the new window. The yearly subscription does not renew.
        const moved = await ok(server, org, 200, "POST", "/v1/_test/clock/advance", {
          to: new Date(Date.parse(onCalls.current_period_end) + HOUR).toISOString(),
        });
        assert.equal(moved.processed, 1);
        await check(
          {
            [calls.id]: [0, 16, 16],
            [tokens.id]: [18.75, 100, 81.25],
            [uploads.id]: [300, 0, -300],
          },
          { [onCalls.id]: [[calls.id, 0]], [onTokens.id]: [[tokens.id, 11.25]] },
          "right after the renewal",
        );

        await ingest([
          mine("external", "api_call"),
          mine("id", "api_call"),
          mine("external", "llm", { tokens: 4 }),
          mine("external", "upload", { bytes: 50 }),
          { name: "api_call", external_customer_id: "u2" },
        ]);
        await check(
          {
            [calls.id]: [2, 16, 14], // only the new window's two calls
            [tokens.id]: [22.75, 100, 77.25],
            [uploads.id]: [300, 0, -300],
          },
          { [onCalls.id]: [[calls.id, 2]], [onTokens.id]: [[tokens.id, 15.25]] },
          "after more usage",
        );
      } finally {
        await server.close();
      }
    });
  });
}
