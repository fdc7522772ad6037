// The subscriptions module: Polar's /v1/subscriptions endpoints, the status
// model (lifecycle.ts), the period-end job (period-ends.ts) and the reactions
// to customer deletion and catalog changes (reactions.ts).
import { defineModule } from "../../platform/module.js";
import { subscriptionsMigrations } from "./migrations.js";
import { subscriptionOperations } from "./operations.js";
import { SubscriptionService, type SubscriptionsDeps } from "./service.js";
import type { SubscriptionStore } from "./store.js";
import { KyselySubscriptionStore } from "./store-kysely.js";
import { processDuePeriodEnds } from "./period-ends.js";

export const subscriptionsModule = defineModule({
  name: "subscriptions",
  migrations: subscriptionsMigrations,
  store: (context): SubscriptionStore => new KyselySubscriptionStore(context),
  resetOrganization: (store, organizationId) => store.deleteOrganizationData(organizationId),
  services: (deps: SubscriptionsDeps) => ({ subscriptions: new SubscriptionService(deps) }),
  operations: subscriptionOperations,
  // Renewals and cancellations at period end: the scheduler's pass and every test-clock advance.
  jobs: (deps) => [{ name: "subscription period ends", run: (window) => processDuePeriodEnds(deps, window) }],
});

export type { SubscriptionRecord, SubscriptionStatus } from "./model.js";
export type { SubscriptionStore } from "./store.js";
export type { SubscriptionTx } from "./lifecycle.js";
export { meterUsage, type ActiveMeter, type UsageCustomer, type UsageReader } from "./usage.js";
export { SubscriptionService, type SubscriptionsDeps } from "./service.js";
export { stateSubscriptionResponse, type StateSubscriptionView } from "./responses.js";
export { periodEndJob, processDuePeriodEnds, type PeriodEndDeps, type PeriodEndOptions } from "./period-ends.js";
export { subscriptionReactions, type ReactionDeps, type SubscriptionReactions } from "./reactions.js";
export { insertSubscription, type SubscriptionSeed } from "./testing.js";
