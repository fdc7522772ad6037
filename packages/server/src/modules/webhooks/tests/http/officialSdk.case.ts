// The official @polar-sh/sdk 0.49.0 client decodes every webhooks answer.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Polar } from "polar-sdk-049";
import { ResourceNotFound } from "polar-sdk-049/models/errors/resourcenotfound.js";
import type { GetServer } from "../../../../../test/support/contract.js";
import { MISSING_ID } from "../../../../../test/support/catalog.js";
import { Receiver } from "../receiver.js";
import { webhookOrg } from "./support.js";

export function webhookSdkCases(get: GetServer): void {
  describe("webhooks: official SDK 0.49.0", () => {
    it("runs all eight operations with decoded models", async () => {
      const server = get();
      const receiver = await Receiver.start();
      try {
        const org = await webhookOrg(server);
        const polar = new Polar({ accessToken: org.token, serverURL: server.url });
        const endpoint = await polar.webhooks.createWebhookEndpoint({ url: receiver.url, format: "raw", events: ["customer.created"] });
        assert.ok(endpoint.createdAt instanceof Date);
        assert.equal(endpoint.enabled, true);
        assert.deepEqual(await polar.webhooks.getWebhookEndpoint({ id: endpoint.id }), endpoint);
        const updated = await polar.webhooks.updateWebhookEndpoint({ id: endpoint.id, webhookEndpointUpdate: { name: "local app" } });
        assert.equal(updated.name, "local app");
        const reset = await polar.webhooks.resetWebhookEndpointSecret({ id: endpoint.id });
        assert.notEqual(reset.secret, endpoint.secret);
        const pages = await polar.webhooks.listWebhookEndpoints({ limit: 10 });
        assert.deepEqual(
          pages.result.items.map((e) => e.id),
          [endpoint.id],
        );
        const customer = await server.createCustomer({}, org.token);
        await receiver.waitFor((all) => all.length >= 1, "the delivery");
        let log = await polar.webhooks.listWebhookDeliveries({ endpointId: endpoint.id });
        // The attempt is logged once its answer is in: poll, with pauses, for up to 5 s.
        for (let i = 0; i < 200 && log.result.items.length === 0; i++) {
          await new Promise((resolve) => setTimeout(resolve, 25));
          log = await polar.webhooks.listWebhookDeliveries({ endpointId: endpoint.id });
        }
        const [delivery] = log.result.items;
        assert.equal(delivery.succeeded, true);
        assert.equal(delivery.httpCode, 200);
        assert.equal(delivery.webhookEvent.type, "customer.created");
        assert.equal(JSON.parse(delivery.webhookEvent.payload!).data.id, customer.id);
        await polar.webhooks.redeliverWebhookEvent({ id: delivery.webhookEvent.id });
        await receiver.waitFor((all) => all.length >= 2, "the redelivery");
        await polar.webhooks.deleteWebhookEndpoint({ id: endpoint.id });
        await assert.rejects(polar.webhooks.getWebhookEndpoint({ id: endpoint.id }), ResourceNotFound);
        await assert.rejects(polar.webhooks.redeliverWebhookEvent({ id: MISSING_ID }), ResourceNotFound);
      } finally {
        await receiver.close();
      }
    });
  });
}
