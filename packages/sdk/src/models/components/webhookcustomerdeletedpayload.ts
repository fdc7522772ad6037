import type { Customer } from "./customer.js";

/** Sent when a customer is deleted; `data.deletedAt` is set. */
export type WebhookCustomerDeletedPayload = {
  type: "customer.deleted";
  timestamp: Date;
  data: Customer;
};
