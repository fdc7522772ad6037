// What subscriptions and grants do when an earlier module changes something
// they depend on. The earlier modules cannot import this one: they call a hook
// inside their own transaction, and the composition (src/server.ts) points the
// hook here with that transaction's stores.
import type { BenefitRecord } from "../benefits/index.js";
import type { CustomerRecord } from "../customers/index.js";
import { revokeBenefitGrants, type MeterLedger } from "../grants/index.js";
import type { ProductRecord } from "../products/index.js";
import { revokeNow, syncGrants, type SubscriptionTx } from "./lifecycle.js";

export interface ReactionDeps {
  meterLedgerFor?(tx: SubscriptionTx): MeterLedger;
}

export const subscriptionReactions = (deps: ReactionDeps) => {
  const unit = (tx: SubscriptionTx) => ({ ...tx, ledger: deps.meterLedgerFor?.(tx) });
  return {
    /** Customer deletion: its subscriptions end now (revoke semantics), their grants are revoked. */
    async customerDeleted(tx: SubscriptionTx, customer: CustomerRecord, at: Date): Promise<void> {
      const u = unit(tx);
      for (const s of await tx.subscriptions.unendedOfCustomer(customer.id))
        await revokeNow(u, (await tx.subscriptions.lock(s.id)) ?? s, at);
    },
    /** A product's benefits changed: every subscription of it holds exactly the new set (or nothing when not active). */
    async productBenefitsChanged(tx: SubscriptionTx, product: ProductRecord, at: Date): Promise<void> {
      const u = unit(tx);
      for (const id of await tx.subscriptions.idsOfProduct(product.id)) {
        const s = await tx.subscriptions.lock(id);
        if (s) await syncGrants(u, s, at);
      }
    },
    /** Benefit deletion revokes every grant of it, each meter credit taken back. */
    async benefitDeleted(tx: SubscriptionTx, benefit: BenefitRecord, at: Date): Promise<void> {
      const u = unit(tx);
      await revokeBenefitGrants({ grants: u.grants, benefits: u.benefits, ledger: u.ledger, outbox: u.outbox }, benefit.id, at);
    },
  };
};

export type SubscriptionReactions = ReturnType<typeof subscriptionReactions>;
