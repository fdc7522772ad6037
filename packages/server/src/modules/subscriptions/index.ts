// The subscriptions module: Polar's /v1/subscriptions endpoints, the status
// model (lifecycle.ts), the period-end job (period-ends.ts) and the reactions
// to customer deletion and catalog changes (reactions.ts).
import { defineModule } from "../../platform/module.js";
import { subscriptionsSeeder } from "./seed.js";
import { subscriptionsMigrations } from "./migrations.js";
import { subscriptionOperations } from "./operations.js";
import { SubscriptionService, type SubscriptionsDeps } from "./service.js";
import type { SubscriptionStore } from "./store.js";
import { KyselySubscriptionStore } from "./store-kysely.js";
import { processDuePeriodEnds } from "./period-ends.js";
import { subscriptionResponse } from "./responses.js";
import { SUBSCRIPTION_EVENT_TYPES } from "./lifecycle.js";

export const subscriptionsModule = defineModule({
  name: "subscriptions",
  migrations: subscriptionsMigrations,
  store: (context): SubscriptionStore => new KyselySubscriptionStore(context),
  resetOrganization: (store, organizationId) => store.deleteOrganizationData(organizationId),
  services: (deps: SubscriptionsDeps) => ({ subscriptions: new SubscriptionService(deps) }),
  operations: subscriptionOperations,
  seed: subscriptionsSeeder,
  // Renewals and cancellations at period end: the scheduler's pass and every test-clock advance.
  // subscription.* webhooks carry the subscription as it is when sent (Polar reloads it too).
  deferredEvents: (deps) => {
    const render = async (organizationId: string, id: string) => {
      const subscription = await deps.subscriptions.findById([organizationId], id);
      if (subscription === undefined) return undefined;
      const [view] = await new SubscriptionService(deps).views([subscription]);
      return subscriptionResponse.serialize(view);
    };
    return Object.fromEntries(SUBSCRIPTION_EVENT_TYPES.map((type) => [type, render]));
  },
  jobs: (deps) => [{ name: "subscription period ends", run: (window) => processDuePeriodEnds(deps, window) }],
});

export type { SubscriptionRecord, SubscriptionStatus } from "./model.js";
export type { SubscriptionStore } from "./store.js";
export type { SubscriptionTx } from "./lifecycle.js";
export {
  meterUsage,
  meterWindows,
  withConsumed,
  type ActiveMeter,
  type ConsumedWindow,
  type UsageCustomer,
  type UsageReader,
} from "./usage.js";
export { SubscriptionService, type SubscriptionsDeps } from "./service.js";
export { stateSubscriptionResponse, type StateSubscriptionView } from "./responses.js";
export { periodEndJob, processDuePeriodEnds, type PeriodEndDeps, type PeriodEndOptions } from "./period-ends.js";
export { subscriptionReactions, type ReactionDeps, type SubscriptionReactions } from "./reactions.js";
export { insertSubscription, type SubscriptionSeed } from "./testing.js";
