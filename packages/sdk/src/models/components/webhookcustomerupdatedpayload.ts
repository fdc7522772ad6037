import type { Customer } from "./customer.js";

/** Sent when a customer is updated (a no-op update included). */
export type WebhookCustomerUpdatedPayload = {
  type: "customer.updated";
  timestamp: Date;
  data: Customer;
};
