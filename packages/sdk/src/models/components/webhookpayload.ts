import { at, camelCase, dateTime, fail, isObject, nullish, object, string, type Decoder } from "../../lib/schema.js";
import { SDKValidationError } from "../errors/sdkvalidationerror.js";
import { decodeCustomer } from "./customer.js";
import { decodeCustomerState } from "./customerstate.js";
import type { WebhookCustomerCreatedPayload } from "./webhookcustomercreatedpayload.js";
import type { WebhookCustomerDeletedPayload } from "./webhookcustomerdeletedpayload.js";
import type { WebhookCustomerStateChangedPayload } from "./webhookcustomerstatechangedpayload.js";
import type { WebhookCustomerUpdatedPayload } from "./webhookcustomerupdatedpayload.js";

export type { WebhookCustomerCreatedPayload } from "./webhookcustomercreatedpayload.js";
export type { WebhookCustomerDeletedPayload } from "./webhookcustomerdeletedpayload.js";
export type { WebhookCustomerStateChangedPayload } from "./webhookcustomerstatechangedpayload.js";
export type { WebhookCustomerUpdatedPayload } from "./webhookcustomerupdatedpayload.js";

/**
 * The other event types the official SDK 0.49.0 decodes. This SDK has no models for their
 * objects, so `data` is converted generically (see `decodeLooseData`).
 */
export const LOOSE_WEBHOOK_EVENT_TYPES = [
  "benefit.created",
  "benefit.updated",
  "benefit_grant.created",
  "benefit_grant.cycled",
  "benefit_grant.revoked",
  "benefit_grant.updated",
  "checkout.created",
  "checkout.expired",
  "checkout.updated",
  "customer_seat.assigned",
  "customer_seat.claimed",
  "customer_seat.revoked",
  "member.created",
  "member.deleted",
  "member.updated",
  "order.created",
  "order.paid",
  "order.refunded",
  "order.updated",
  "organization.updated",
  "product.created",
  "product.updated",
  "refund.created",
  "refund.updated",
  "subscription.active",
  "subscription.canceled",
  "subscription.created",
  "subscription.past_due",
  "subscription.revoked",
  "subscription.uncanceled",
  "subscription.updated",
] as const;

export type LooseWebhookEventType = (typeof LOOSE_WEBHOOK_EVENT_TYPES)[number];

/**
 * An event whose object this SDK does not model: `data` has camelCase keys and `Date`s like the
 * official models, but it is not checked field by field and keeps fields the official SDK drops.
 */
export type WebhookLoosePayload<T extends LooseWebhookEventType = LooseWebhookEventType> = {
  type: T;
  timestamp: Date;
  data: { [key: string]: any };
};

/** What `validateEvent` returns: one member per event type, discriminated by `type`. */
export type WebhookPayload =
  | WebhookCustomerCreatedPayload
  | WebhookCustomerUpdatedPayload
  | WebhookCustomerDeletedPayload
  | WebhookCustomerStateChangedPayload
  | { [T in LooseWebhookEventType]: WebhookLoosePayload<T> }[LooseWebhookEventType];

let looseTypes: Set<string> | undefined;
let dateTimeKeys: Set<string> | undefined;
let freeFormKeys: Set<string> | undefined;
const optionalDateTime = nullish(dateTime);

/**
 * Converts an object of a type this SDK does not model the way the official models would:
 * snake_case keys become camelCase, and the fields Polar declares as date-times become `Date`s
 * (a malformed one is an error, as it is for the official SDK). Maps whose keys are not field
 * names (metadata, custom field data, amounts per currency…) are kept as they are, keys and
 * values; the other maps are keyed by ids, which camelCase leaves alone. A nested `timestamp`
 * is left a string: only the envelope's is a date-time.
 */
export const decodeLooseData: Decoder<unknown> = (value) => {
  if (Array.isArray(value)) return value.map((item, i) => at(i, decodeLooseData, item));
  if (!isObject(value)) return value;
  dateTimeKeys ??= new Set(
    "applies_at archived_at canceled_at claimed_at created_at current_meter_period_end current_meter_period_start current_period_end current_period_start deleted_at details_submitted_at ended_at ends_at evidence_due_by expires_at first_user_event_at granted_at invitation_token_expires_at last_modified_at modified_at next_payment_attempt_at onboarding_resubmission_requested_at past_due_at paused_at resumes_at revoked_at started_at starts_at trial_end trial_start".split(
      " ",
    ),
  );
  freeFormKeys ??= new Set(
    "metadata custom_field_data customer_metadata benefit_metadata payment_processor_metadata seat_metadata amounts".split(" "),
  );
  const out: Record<string, unknown> = {};
  for (const key in value) {
    // A JSON key named __proto__ would set the result's prototype instead of a field.
    if (key === "__proto__") continue;
    const field = value[key];
    out[camelCase(key)] = freeFormKeys.has(key) ? field : at(key, dateTimeKeys.has(key) ? optionalDateTime : decodeLooseData, field);
  }
  return out;
};

const envelope = (data: Decoder<unknown>) => object<WebhookPayload>({ type: string, timestamp: dateTime, data });

const customerEvents: Record<string, Decoder<WebhookPayload>> = {
  "customer.created": envelope(decodeCustomer),
  "customer.updated": envelope(decodeCustomer),
  "customer.deleted": envelope(decodeCustomer),
  "customer.state_changed": envelope(decodeCustomerState),
};

const looseEvent = envelope((v) => (isObject(v) ? decodeLooseData(v) : fail("object", v)));

/**
 * Decodes a verified, parsed event. Like the official SDK, an event type it does not know and a
 * payload that does not match both throw `SDKValidationError("Failed to parse event", …)`.
 */
export function decodeWebhookPayload(parsed: unknown): WebhookPayload {
  const type = isObject(parsed) ? parsed["type"] : undefined;
  looseTypes ??= new Set(LOOSE_WEBHOOK_EVENT_TYPES);
  const decode =
    typeof type !== "string"
      ? undefined
      : Object.hasOwn(customerEvents, type)
        ? customerEvents[type]
        : looseTypes.has(type)
          ? looseEvent
          : undefined;
  try {
    if (!decode) throw new SDKValidationError(`Unknown event type: ${type}`, type, parsed);
    return decode(parsed);
  } catch (err) {
    throw new SDKValidationError("Failed to parse event", err, parsed);
  }
}
