import type { CustomerIndividual } from "./customerindividual.js";
import type { CustomerStateBenefitGrant } from "./customerstatebenefitgrant.js";
import type { CustomerStateMeter } from "./customerstatemeter.js";
import type { CustomerStateSubscription } from "./customerstatesubscription.js";

/** What a customer has right now: the customer plus active subscriptions, benefits and meters. */
export type CustomerStateIndividual = CustomerIndividual & {
  activeSubscriptions: CustomerStateSubscription[];
  grantedBenefits: CustomerStateBenefitGrant[];
  activeMeters: CustomerStateMeter[];
};
