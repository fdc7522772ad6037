// An app written against Polar's framework adapter (@polar-sh/express
// `Webhooks`, which re-encodes the parsed body before verifying) receives and
// verifies our deliveries unchanged.
import assert from "node:assert/strict";
import type { Server } from "node:http";
import { describe, it } from "node:test";
import express from "express";
import { Webhooks } from "@polar-sh/express";
import type { GetServer } from "../../../../../test/support/contract.js";
import { createEndpoint, deliveries, webhookOrg } from "./support.js";

export function adapterCases(get: GetServer): void {
  describe("webhooks: @polar-sh/express app", () => {
    it("verifies and handles customer.created with the endpoint's secret", async () => {
      const server = get();
      const org = await webhookOrg(server);
      const handled: { type: string; id: string }[] = [];
      let secret = "";
      let woke: () => void = () => undefined;
      const arrived = new Promise<void>((resolve) => (woke = resolve));
      const app = express();
      app.post("/polar/webhooks", express.json(), (req, res, next) =>
        Webhooks({
          webhookSecret: secret,
          onCustomerCreated: async (payload) => {
            handled.push({ type: String(payload.type), id: String(payload.data.id) });
            woke();
          },
        })(req, res, next),
      );
      const listener: Server = await new Promise((resolve) => {
        const s = app.listen(0, "127.0.0.1", () => resolve(s));
      });
      try {
        const { port } = listener.address() as { port: number };
        const endpoint = await createEndpoint(server, org.token, `http://127.0.0.1:${port}/polar/webhooks`, ["customer.created"]);
        secret = endpoint.secret;
        const customer = await server.createCustomer({ metadata: { plan: "pro", seats: 3 } }, org.token);
        await arrived;
        assert.deepEqual(handled, [{ type: "customer.created", id: customer.id }]);
        // The adapter answered 2xx: the delivery is logged as a success.
        let page = await deliveries(server, org.token, `endpoint_id=${endpoint.id}`);
        // The adapter's handler runs before its answer reaches the dispatcher, which then logs the attempt.
        for (let i = 0; i < 200 && page.pagination.total_count === 0; i++) {
          await new Promise((resolve) => setTimeout(resolve, 25));
          page = await deliveries(server, org.token, `endpoint_id=${endpoint.id}`);
        }
        assert.equal(page.items[0].succeeded, true);
      } finally {
        listener.closeAllConnections();
        await new Promise((resolve) => listener.close(resolve));
      }
    });
  });
}
