import type { Customer } from "./customer.js";

/** Sent when a customer is created. */
export type WebhookCustomerCreatedPayload = {
  type: "customer.created";
  timestamp: Date;
  data: Customer;
};
