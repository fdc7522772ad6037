import type { CustomerState } from "./customerstate.js";

/** Sent when a customer, its subscriptions, benefit grants or meters change: `data` is the new state. */
export type WebhookCustomerStateChangedPayload = {
  type: "customer.state_changed";
  timestamp: Date;
  data: CustomerState;
};
