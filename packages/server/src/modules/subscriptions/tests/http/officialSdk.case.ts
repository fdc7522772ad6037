// The official @polar-sh/sdk 0.49.0 client drives subscriptions, grants and
// customer state, and decodes every answer (no ResponseValidationError).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Polar } from "polar-sdk-049";
import { AlreadyCanceledSubscription } from "polar-sdk-049/models/errors/alreadycanceledsubscription.js";
import type { GetServer } from "../../../../../test/support/contract.js";
import { newCustomer, planWithBenefits, subscriptionOrg } from "./support.js";

export function subscriptionSdkCases(get: GetServer): void {
  describe("subscriptions: official SDK 0.49.0", () => {
    it("creates, gets, lists, updates and revokes subscriptions; lists grants; reads state", async () => {
      const server = get();
      const org = await subscriptionOrg(server);
      const polar = new Polar({ accessToken: org.token, serverURL: server.url });
      const { product } = await planWithBenefits(server, org.token);
      const customer = await newCustomer(server, org.token);

      const created = await polar.subscriptions.create({
        productId: product.id,
        externalCustomerId: customer.external_id,
        metadata: { a: 1 },
      });
      assert.ok(created.currentPeriodEnd instanceof Date);
      assert.deepEqual([created.status, created.customerId, created.meters.length], ["active", customer.id, 1]);
      const byId = await polar.subscriptions.create({ productId: product.id, customerId: customer.id });
      assert.deepEqual(await polar.subscriptions.get({ id: created.id }), created);

      const listed: string[] = [];
      for await (const page of await polar.subscriptions.list({ limit: 1, customerId: customer.id }))
        for (const s of page.result.items) listed.push(s.id);
      assert.deepEqual(listed.sort(), [created.id, byId.id].sort());

      const canceled = await polar.subscriptions.update({
        id: created.id,
        subscriptionUpdate: { cancelAtPeriodEnd: true, customerCancellationReason: "unused" },
      });
      assert.deepEqual([canceled.cancelAtPeriodEnd, canceled.customerCancellationReason], [true, "unused"]);
      await assert.rejects(
        polar.subscriptions.update({ id: created.id, subscriptionUpdate: { cancelAtPeriodEnd: true } }),
        AlreadyCanceledSubscription,
      );
      // 0.49.0's SubscriptionUpdateBase has no metadata; a trial end it does have.
      const trialEnd = new Date(byId.currentPeriodEnd.getTime() + 86_400_000);
      const trialing = await polar.subscriptions.update({ id: byId.id, subscriptionUpdate: { trialEnd } });
      assert.deepEqual([trialing.status, trialing.trialEnd?.getTime()], ["trialing", trialEnd.getTime()]);

      const grants: string[] = [];
      for await (const page of await polar.benefitGrants.list({ customerId: customer.id, isGranted: true }))
        for (const g of page.result.items) grants.push(g.benefit.type);
      assert.deepEqual(grants.sort(), ["custom", "custom", "feature_flag", "feature_flag", "meter_credit", "meter_credit"]);

      const state = await polar.customers.getStateExternal({ externalId: customer.external_id });
      assert.deepEqual([state.activeSubscriptions.length, state.grantedBenefits.length, state.activeMeters.length], [2, 6, 1]);
      assert.ok(state.grantedBenefits.every((g) => g.grantedAt instanceof Date));

      const revoked = await polar.subscriptions.revoke({ id: byId.id });
      assert.deepEqual([revoked.status, revoked.endedAt instanceof Date], ["canceled", true]);
      const revokedByPatch = await polar.subscriptions.update({ id: created.id, subscriptionUpdate: { revoke: true } });
      assert.equal(revokedByPatch.status, "canceled");
      const after = await polar.customers.getState({ id: customer.id });
      assert.deepEqual([after.activeSubscriptions, after.grantedBenefits], [[], []]);
      const benefitGrants = await polar.benefits.grants({ id: product.benefits[0].id });
      assert.equal(benefitGrants.result.items.length, 2);
    });
  });
}
