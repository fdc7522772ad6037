// Deliveries to a real receiver: customer events verified by the official
// SDK's validateEvent and by standardwebhooks, subscriptions and tenancy,
// retries, the delivery log, redelivery, and a burst of creates.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { GetServer } from "../../../../../test/support/contract.js";
import { MISSING_ID } from "../../../../../test/support/catalog.js";
import { Receiver, verified } from "../receiver.js";
import { createEndpoint, deliveries, webhookOrg } from "./support.js";

const CUSTOMER_EVENTS = ["customer.created", "customer.updated", "customer.deleted"];

export function deliveryCases(get: GetServer): void {
  describe("webhooks: delivery", () => {
    let receiver: Receiver;
    before(async () => {
      receiver = await Receiver.start();
    });
    after(() => receiver.close());

    it("delivers customer.created/updated/deleted with the customer as committed, accepted by both official verifiers", async () => {
      const server = get();
      const org = await webhookOrg(server);
      const endpoint = await createEndpoint(server, org.token, `${receiver.url}?all`, CUSTOMER_EVENTS);
      const created = await server.createCustomer({ external_id: `x-${Date.now()}`, metadata: { ratio: 1.5, n: 2 } }, org.token);
      const patched = await server.request("PATCH", `/v1/customers/${created.id}`, { token: org.token, body: { name: "Ada" } });
      const noop = await server.request("PATCH", `/v1/customers/${created.id}`, { token: org.token, body: {} });
      assert.equal(noop.status, 200);
      assert.equal((await server.request("DELETE", `/v1/customers/${created.id}`, { token: org.token })).status, 204);
      const mine = (r: { body: string }) => r.body.includes(created.id);
      await receiver.waitFor((all) => all.filter(mine).length >= 4, "four customer events");
      const got = receiver.received.filter(mine).map((r) => ({ r, event: verified(r, endpoint.secret) as any }));
      assert.deepEqual(got.map((g) => g.event.type).sort(), [
        "customer.created",
        "customer.deleted",
        "customer.updated",
        "customer.updated",
      ]);
      const byType = (type: string) => got.filter((g) => g.event.type === type).map((g) => g.r);
      const createdBody = JSON.parse(byType("customer.created")[0].body);
      assert.deepEqual(Object.keys(createdBody), ["type", "timestamp", "data"]);
      assert.deepEqual(createdBody.data, created);
      const updatedBodies = byType("customer.updated").map((r) => JSON.parse(r.body).data);
      assert.ok(updatedBodies.some((d) => JSON.stringify(d) === JSON.stringify(patched.body)));
      const deleted = JSON.parse(byType("customer.deleted")[0].body).data;
      assert.notEqual(deleted.deleted_at, null);
      assert.equal(deleted.external_id, created.external_id);
      // Re-encoding in JavaScript gives the signed bytes (framework adapters verify JSON.stringify(req.body)).
      for (const { r } of got) assert.equal(JSON.stringify(JSON.parse(r.body)), r.body);
      const ids = new Set(got.map((g) => g.r.headers["webhook-id"]));
      assert.equal(ids.size, 4);
    });

    it("sends only subscribed types, and nothing to another organization's endpoints", async () => {
      const server = get();
      const org = await webhookOrg(server);
      const other = await webhookOrg(server);
      await createEndpoint(server, org.token, `${receiver.url}?deleted-only`, ["customer.deleted"]);
      await createEndpoint(server, other.token, `${receiver.url}?other-org`, CUSTOMER_EVENTS);
      const customer = await server.createCustomer({}, org.token);
      await server.request("PATCH", `/v1/customers/${customer.id}`, { token: org.token, body: { name: "B" } });
      await server.request("DELETE", `/v1/customers/${customer.id}`, { token: org.token });
      const at = (query: string) => receiver.received.filter((r) => r.path === `/hook${query}`);
      await receiver.waitFor(() => at("?deleted-only").length >= 1, "the deletion");
      // The other organization's own event arrives; by then everything queued before it has been dispatched.
      const theirs = await server.createCustomer({}, other.token);
      await receiver.waitFor(() => at("?other-org").length >= 1, "the other organization's event");
      assert.deepEqual(
        at("?deleted-only").map((r) => JSON.parse(r.body).type),
        ["customer.deleted"],
      );
      assert.deepEqual(
        at("?other-org").map((r) => JSON.parse(r.body).data.id),
        [theirs.id],
      );
    });

    it("retries a failing receiver until the third attempt succeeds; the log shows all three; redeliver keeps the webhook-id", async () => {
      const server = get();
      const flaky = await Receiver.start((_, nth) => (nth <= 2 ? 500 : 200));
      try {
        const org = await webhookOrg(server);
        const endpoint = await createEndpoint(server, org.token, flaky.url, ["customer.created"]);
        const customer = await server.createCustomer({}, org.token);
        await flaky.waitFor((all) => all.length >= 3, "three attempts");
        const [first, second, third] = flaky.received;
        const webhookId = first.headers["webhook-id"];
        assert.ok([second, third].every((r) => r.headers["webhook-id"] === webhookId && r.body === first.body));
        verified(third, endpoint.secret);
        // The third attempt's outcome is recorded right after its answer.
        const log = async () => deliveries(server, org.token, `endpoint_id=${endpoint.id}`);
        let page = await log();
        // Polled with pauses (up to 5 s) until the third attempt's outcome is in.
        for (let i = 0; i < 200 && !(page.pagination.total_count === 3 && page.items.some((d) => d.succeeded)); i++) {
          await new Promise((resolve) => setTimeout(resolve, 25));
          page = await log();
        }
        assert.equal(page.pagination.total_count, 3);
        assert.deepEqual(
          page.items.map((d) => [d.succeeded, d.http_code, d.response]),
          [
            [true, 200, "answer 3"],
            [false, 500, "answer 2"],
            [false, 500, "answer 1"],
          ],
        );
        assert.ok(page.items.every((d) => d.webhook_event.id === webhookId && d.webhook_event.type === "customer.created"));
        assert.equal(JSON.parse(page.items[0].webhook_event.payload).data.id, customer.id);
        assert.equal(page.items[0].webhook_event.succeeded, true);
        assert.equal(page.items[0].webhook_event.last_http_code, 200);
        assert.equal((await deliveries(server, org.token, `endpoint_id=${endpoint.id}&succeeded=false`)).pagination.total_count, 2);
        assert.equal((await deliveries(server, org.token, `endpoint_id=${endpoint.id}&http_code_class=5xx`)).pagination.total_count, 2);
        assert.equal((await deliveries(server, org.token, `query=${webhookId}`)).pagination.total_count, 3);
        assert.equal((await deliveries(server, org.token, "event_type=customer.updated")).pagination.total_count, 0);
        const future = new Date(Date.now() + 3_600_000).toISOString();
        assert.equal((await deliveries(server, org.token, `start_timestamp=${future}`)).pagination.total_count, 0);
        const naive = await server.request("GET", "/v1/webhooks/deliveries?end_timestamp=2026-01-01T00:00:00", { token: org.token });
        assert.equal(naive.status, 422);

        const redeliver = await server.request("POST", `/v1/webhooks/events/${webhookId}/redeliver`, { token: org.token });
        assert.equal(redeliver.status, 202);
        assert.equal(redeliver.text, "null");
        await flaky.waitFor((all) => all.length >= 4, "the redelivery");
        assert.equal(flaky.received[3].headers["webhook-id"], webhookId);
        assert.equal(flaky.received[3].body, first.body);
        verified(flaky.received[3], endpoint.secret);
        const other = await webhookOrg(server);
        assert.equal((await server.request("POST", `/v1/webhooks/events/${webhookId}/redeliver`, { token: other.token })).status, 404);
        assert.equal((await server.request("POST", `/v1/webhooks/events/${MISSING_ID}/redeliver`, { token: org.token })).status, 404);
        assert.equal((await deliveries(server, other.token, "")).pagination.total_count, 0);
      } finally {
        await flaky.close();
      }
    });

    it("a receiver that hangs delays neither API requests nor another endpoint's deliveries", async () => {
      const server = get();
      let release: () => void = () => undefined;
      const hung = await Receiver.start(() => 200, new Promise<void>((resolve) => (release = resolve)));
      const fast = await Receiver.start();
      try {
        const org = await webhookOrg(server);
        await createEndpoint(server, org.token, hung.url, ["customer.created"]);
        await createEndpoint(server, org.token, fast.url, ["customer.created"]);
        const first = await server.createCustomer({}, org.token);
        await hung.waitFor((all) => all.length >= 1, "the hanging attempt");
        // While that attempt waits for its answer: requests are answered, and the other endpoint gets its events.
        const second = await server.createCustomer({}, org.token);
        const list = await server.request("GET", "/v1/webhooks/endpoints", { token: org.token });
        assert.equal(list.status, 200);
        await fast.waitFor((all) => all.length >= 2, "both events at the other endpoint");
        assert.deepEqual(new Set(fast.received.map((r) => JSON.parse(r.body).data.id)), new Set([first.id, second.id]));
        assert.equal(hung.received.length >= 1, true);
      } finally {
        release();
        await fast.close();
        await hung.close();
      }
    });

    it("disables an endpoint after 10 consecutive events failed all 10 attempts; it then receives nothing new", async () => {
      const server = get();
      const failing = await Receiver.start(() => 503);
      try {
        const org = await webhookOrg(server);
        const endpoint = await createEndpoint(server, org.token, failing.url, ["customer.created"]);
        for (let i = 0; i < 10; i++) await server.createCustomer({}, org.token);
        await failing.waitFor((all) => all.length >= 100, "ten attempts of ten events", 60_000);
        let current = (await server.request("GET", `/v1/webhooks/endpoints/${endpoint.id}`, { token: org.token })).body;
        for (let i = 0; i < 200 && current.enabled; i++) {
          await new Promise((resolve) => setTimeout(resolve, 25));
          current = (await server.request("GET", `/v1/webhooks/endpoints/${endpoint.id}`, { token: org.token })).body;
        }
        assert.equal(current.enabled, false);
        const log = await deliveries(server, org.token, `endpoint_id=${endpoint.id}&limit=100`);
        assert.equal(log.pagination.total_count, 100);
        assert.ok(log.items.every((d) => d.succeeded === false && d.http_code === 503 && d.webhook_event.succeeded === false));
        const receivedBefore = failing.received.length;
        await server.createCustomer({}, org.token);
        // Re-enabled, it receives the events that come after (the one above was never queued for it).
        const enabled = await server.request("PATCH", `/v1/webhooks/endpoints/${endpoint.id}`, {
          token: org.token,
          body: { enabled: true },
        });
        assert.equal(enabled.body.enabled, true);
        const later = await server.createCustomer({}, org.token);
        await failing.waitFor((all) => all.length > receivedBefore, "an event after re-enabling");
        assert.ok(failing.received.slice(receivedBefore).every((r) => JSON.parse(r.body).data.id === later.id));
      } finally {
        await failing.close();
      }
    });

    it("delivers 100 quick creates as 100 distinct customer.created events, none lost", async () => {
      const server = get();
      const burst = await Receiver.start();
      try {
        const org = await webhookOrg(server);
        const endpoint = await createEndpoint(server, org.token, burst.url, ["customer.created"]);
        const customers = await Promise.all(Array.from({ length: 100 }, () => server.createCustomer({}, org.token)));
        await burst.waitFor((all) => new Set(all.map((r) => r.headers["webhook-id"])).size >= 100, "100 events", 60_000);
        const ids = new Set(burst.received.map((r) => JSON.parse(r.body).data.id));
        assert.deepEqual(ids, new Set(customers.map((c) => c.id)));
        for (const r of burst.received.slice(0, 5)) verified(r, endpoint.secret);
      } finally {
        await burst.close();
      }
    });
  });
}
