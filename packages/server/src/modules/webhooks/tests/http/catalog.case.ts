// product.created/updated and benefit.created/updated, recorded by the
// catalog modules in their units of work and decoded by the official SDK.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { GetServer } from "../../../../../test/support/contract.js";
import { CATALOG_SCOPES, createBenefit, createProduct } from "../../../../../test/support/catalog.js";
import { Receiver, verified } from "../receiver.js";
import { createEndpoint } from "./support.js";

const EVENTS = ["product.created", "product.updated", "benefit.created", "benefit.updated"];

export function catalogEventCases(get: GetServer): void {
  describe("webhooks: catalog events", () => {
    it("delivers product and benefit events with the objects as the API returns them", async () => {
      const server = get();
      const receiver = await Receiver.start();
      try {
        const org = await server.newOrganization([...CATALOG_SCOPES, "webhooks:write"]);
        const endpoint = await createEndpoint(server, org.token, receiver.url, EVENTS);
        const benefit = await createBenefit(server, org.token);
        const changedBenefit = await server.request("PATCH", `/v1/benefits/${benefit.id}`, {
          token: org.token,
          body: { type: "custom", description: "Priority support" },
        });
        const product = await createProduct(server, org.token);
        const withBenefit = await server.request("POST", `/v1/products/${product.id}/benefits`, {
          token: org.token,
          body: { benefits: [benefit.id] },
        });
        assert.equal(withBenefit.status, 200, withBenefit.text);
        await receiver.waitFor((all) => all.length >= 4, "four catalog events");
        const events = receiver.received.map((r) => ({ decoded: verified(r, endpoint.secret) as any, body: JSON.parse(r.body) }));
        const of = (type: string) => events.filter((e) => e.decoded.type === type).map((e) => e.body.data);
        assert.deepEqual(of("benefit.created"), [benefit]);
        assert.deepEqual(of("benefit.updated"), [changedBenefit.body]);
        assert.deepEqual(of("product.created"), [product]);
        assert.deepEqual(of("product.updated"), [withBenefit.body]);
      } finally {
        await receiver.close();
      }
    });
  });
}
