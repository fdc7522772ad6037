// Deferred events (the mechanism customer.state_changed is wired to): a burst
// recorded in several units of work gives one delivery, rendered when sent.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ContractTarget, GetStorage } from "../../../../../test/support/contract.js";
import { createOrganization } from "../../../accounts/index.js";
import { openStorage } from "../../../../storage.js";
import { startDispatcher } from "../../dispatcher.js";
import { webhookSettings } from "../../settings.js";
import { Webhook } from "standardwebhooks";
import { Receiver } from "../receiver.js";

export function deferredCases(_get: GetStorage, target: ContractTarget): void {
  describe("webhooks: deferred events", () => {
    it("coalesces a burst with one debounce key into one delivery whose data is computed when it is sent", async () => {
      const database = await target.freshUrl();
      const storage = await openStorage(database.url);
      const receiver = await Receiver.start();
      let renders = 0;
      let state = "initial";
      const dispatcher = startDispatcher({
        store: storage.webhooks,
        settings: webhookSettings({ pollIntervalMs: 50 }),
        renderers: {
          "customer.state_changed": async (_organizationId, subjectId) => {
            renders++;
            return { id: subjectId, state };
          },
        },
        now: () => new Date(),
        log: () => undefined,
      });
      try {
        const org = await createOrganization(storage, "Deferred");
        const endpoint = await storage.webhooks.insertEndpoint({
          id: crypto.randomUUID(),
          organizationId: org.id,
          createdAt: new Date(),
          url: receiver.url,
          name: null,
          format: "raw",
          secret: "whsec_deferredtestsecretdeferredtestsecret0123",
          events: ["customer.state_changed"],
        });
        const subjectId = crypto.randomUUID();
        for (const step of ["one", "two", "three"]) {
          await storage.transaction(async (tx) => {
            state = step;
            await tx.outbox.recordDeferred({
              type: "customer.state_changed",
              organizationId: org.id,
              occurredAt: new Date(),
              subjectId,
              debounceKey: `customer.state_changed:${subjectId}`,
            });
          });
        }
        // A rolled-back unit of work records nothing.
        await assert.rejects(
          storage.transaction(async (tx) => {
            await tx.outbox.recordDeferred({
              type: "customer.state_changed",
              organizationId: org.id,
              occurredAt: new Date(),
              subjectId: "rolled-back",
              debounceKey: "customer.state_changed:rolled-back",
            });
            throw new Error("abort");
          }),
          /abort/,
        );
        await receiver.waitFor((all) => all.length >= 1, "the coalesced event");
        const [delivery] = receiver.received;
        const body = JSON.parse(delivery.body);
        assert.equal(body.type, "customer.state_changed");
        assert.deepEqual(body.data, { id: subjectId, state: "three" });
        new Webhook(Buffer.from(endpoint.secret).toString("base64")).verify(delivery.body, {
          "webhook-id": String(delivery.headers["webhook-id"]),
          "webhook-timestamp": String(delivery.headers["webhook-timestamp"]),
          "webhook-signature": String(delivery.headers["webhook-signature"]),
        });
        // One more trigger after the send is a new event with the state of then.
        state = "four";
        await storage.transaction((tx) =>
          tx.outbox.recordDeferred({
            type: "customer.state_changed",
            organizationId: org.id,
            occurredAt: new Date(),
            subjectId,
            debounceKey: `customer.state_changed:${subjectId}`,
          }),
        );
        await receiver.waitFor((all) => all.length >= 2, "the next event");
        assert.deepEqual(JSON.parse(receiver.received[1].body).data, { id: subjectId, state: "four" });
        assert.notEqual(receiver.received[1].headers["webhook-id"], delivery.headers["webhook-id"]);
        assert.equal(receiver.received.length, 2);
        assert.equal(renders, 2);
      } finally {
        await dispatcher.stop();
        await receiver.close();
        await storage.close();
        await database.drop();
      }
    });
  });
}
