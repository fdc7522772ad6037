// Webhook endpoints, the events queued for them (the outbox) and the log of
// delivery attempts.

export const WEBHOOK_EVENT_TYPES = [
  "checkout.created",
  "checkout.updated",
  "checkout.expired",
  "customer.created",
  "customer.updated",
  "customer.deleted",
  "customer.state_changed",
  "customer_seat.assigned",
  "customer_seat.claimed",
  "customer_seat.revoked",
  "member.created",
  "member.updated",
  "member.deleted",
  "order.created",
  "order.updated",
  "order.paid",
  "order.refunded",
  "subscription.created",
  "subscription.updated",
  "subscription.active",
  "subscription.canceled",
  "subscription.uncanceled",
  "subscription.revoked",
  "subscription.past_due",
  "subscription.paused",
  "subscription.resumed",
  "subscription.cycled",
  "refund.created",
  "refund.updated",
  "product.created",
  "product.updated",
  "discount.created",
  "discount.updated",
  "discount.deleted",
  "benefit.created",
  "benefit.updated",
  "benefit_grant.created",
  "benefit_grant.cycled",
  "benefit_grant.updated",
  "benefit_grant.revoked",
  "organization.updated",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

export const WEBHOOK_FORMATS = ["raw", "discord", "slack"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** Polar's WEBHOOK_MAX_RETRIES: deliveries per event, redeliveries included. */
export const MAX_ATTEMPTS = 10;

export interface EndpointRecord {
  id: string;
  organizationId: string;
  createdAt: Date;
  modifiedAt: Date | null;
  deletedAt: Date | null;
  url: string;
  name: string | null;
  format: WebhookFormat;
  secret: string;
  events: WebhookEventType[];
  enabled: boolean;
}

export type NewEndpoint = Omit<EndpointRecord, "modifiedAt" | "deletedAt" | "enabled">;
export type EndpointChanges = Partial<
  Pick<EndpointRecord, "url" | "name" | "format" | "secret" | "events" | "enabled" | "modifiedAt" | "deletedAt">
>;

/** One event for one endpoint (Polar's WebhookEvent): its id is the `webhook-id` of every attempt. */
export interface WebhookEventRecord {
  id: string;
  endpointId: string;
  organizationId: string;
  createdAt: Date;
  modifiedAt: Date | null;
  type: WebhookEventType;
  /** The exact body sent; null while a deferred event waits to be rendered. */
  payload: string | null;
  lastHttpCode: number | null;
  succeeded: boolean | null;
  skipped: boolean;
  /** Deliveries made so far (the budget is MAX_ATTEMPTS). */
  attempts: number;
}

/** One HTTP attempt. */
export interface DeliveryRecord {
  id: string;
  eventId: string;
  endpointId: string;
  organizationId: string;
  createdAt: Date;
  succeeded: boolean;
  httpCode: number | null;
  /** First 2048 characters of the response body, or the transport error. */
  response: string | null;
  durationMs: number;
  /** 1 for the first attempt of the event, … */
  attempt: number;
  event: WebhookEventRecord;
}
