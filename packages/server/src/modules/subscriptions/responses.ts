// The Subscription response (with its embedded customer, product, prices and
// meters, plus the deprecated wire-only price_id/price/user_id/user Polar
// still sends) and the CustomerStateSubscription item of customer state.
import type { JsonSchema } from "../../platform/schema/core.js";
import { component, ref } from "../../platform/schema/component.js";
import { JsonFloat } from "../../platform/schema/floats.js";
import { formatDateTime, formatNullableDateTime } from "../../platform/schema/datetime.js";
import {
  listResource,
  nullableJson as nullable,
  responseObject,
  type ResponseField,
  type ResponseSchema,
} from "../../platform/schema/response.js";
import { METADATA_JSON, customerResponse, type CustomerRecord } from "../customers/index.js";
import { meterResponse, type MeterRecord } from "../meters/index.js";
import { priceResponse, productResponse, type PriceView, type ProductView } from "../products/index.js";
import { CANCELLATION_REASONS, SUBSCRIPTION_STATUSES, type SubscriptionMeterRecord, type SubscriptionRecord } from "./model.js";

const dateTime: JsonSchema = { type: "string", format: "date-time" };
const uuid: JsonSchema = { type: "string", format: "uuid4" };
const int: JsonSchema = { type: "integer" };
const INTERVAL = ref(
  component("RecurringInterval", { type: "string", enum: ["day", "week", "month", "year"], title: "RecurringInterval" }),
);
const STATUS = ref(component("SubscriptionStatus", { type: "string", enum: [...SUBSCRIPTION_STATUSES], title: "SubscriptionStatus" }));
const REASON = ref(
  component("CustomerCancellationReason", { type: "string", enum: [...CANCELLATION_REASONS], title: "CustomerCancellationReason" }),
);
const CUSTOM_FIELD_DATA: JsonSchema = {
  type: "object",
  additionalProperties: {
    anyOf: [{ type: "string" }, { type: "integer" }, { type: "boolean" }, { type: "string", format: "date-time" }, { type: "null" }],
  },
};

/** A subscription meter with its usage in the current period. */
export interface MeterUsage {
  record: SubscriptionMeterRecord;
  consumedUnits: number;
  meter: MeterRecord | undefined;
}

/** Polar rounds half away from zero; the cap (minor units) bounds the charge. */
export function meterAmount(m: SubscriptionMeterRecord, consumedUnits: number, creditedUnits = 0): number {
  const billable = Math.max(0, consumedUnits - creditedUnits);
  const raw = Number(m.unitAmount) * billable;
  const rounded = Math.sign(raw) * Math.round(Math.abs(raw));
  return m.capAmount === null ? rounded : Math.min(rounded, m.capAmount);
}

const meterCommon: ResponseField<MeterUsage>[] = [
  { key: "created_at", json: dateTime, value: ({ record }) => formatDateTime(record.createdAt) },
  { key: "modified_at", json: nullable(dateTime), value: () => null },
  { key: "id", json: uuid, value: ({ record }) => record.id },
  // A Python float on the wire: 0.0, 12.0.
  { key: "consumed_units", json: { type: "number" }, value: ({ consumedUnits }) => new JsonFloat(consumedUnits) },
  // Credits are kept per customer meter (active_meters), not per subscription.
  { key: "credited_units", json: int, value: () => 0 },
  { key: "amount", json: int, value: ({ record, consumedUnits }) => meterAmount(record, consumedUnits) },
  { key: "meter_id", json: uuid, value: ({ record }) => record.meterId },
];

const subscriptionMeterResponse = responseObject<MeterUsage>("SubscriptionMeter", [
  ...meterCommon,
  { key: "meter", json: meterResponse.json, value: ({ meter }) => (meter ? meterResponse.serialize(meter) : null) },
]);

export const stateSubscriptionMeterResponse = responseObject<MeterUsage>("CustomerStateSubscriptionMeter", meterCommon);

/** Everything one Subscription response shows. */
export interface SubscriptionView {
  subscription: SubscriptionRecord;
  customer: CustomerRecord;
  product: ProductView;
  prices: PriceView[];
  meters: MeterUsage[];
}

const subscriptionCustomer = responseObject<CustomerRecord>("SubscriptionCustomer", customerResponse.fields);

type S = SubscriptionView;
const at = (pick: (s: SubscriptionRecord) => Date | null) => (v: S) => formatNullableDateTime(pick(v.subscription));

const SUBSCRIPTION_FIELDS: ResponseField<S>[] = [
  { key: "created_at", json: dateTime, value: at((s) => s.createdAt) },
  { key: "modified_at", json: nullable(dateTime), value: at((s) => s.modifiedAt) },
  { key: "id", json: uuid, value: ({ subscription }) => subscription.id },
  { key: "amount", json: int, value: ({ subscription }) => subscription.amount },
  { key: "currency", json: { type: "string" }, value: ({ subscription }) => subscription.currency },
  { key: "recurring_interval", json: INTERVAL, value: ({ subscription }) => subscription.recurringInterval },
  { key: "recurring_interval_count", json: int, value: ({ subscription }) => subscription.recurringIntervalCount },
  { key: "status", json: STATUS, value: ({ subscription }) => subscription.status },
  { key: "current_period_start", json: dateTime, value: at((s) => s.currentPeriodStart) },
  { key: "current_period_end", json: dateTime, value: at((s) => s.currentPeriodEnd) },
  { key: "current_meter_period_start", json: nullable(dateTime), value: () => null },
  { key: "current_meter_period_end", json: nullable(dateTime), value: () => null },
  { key: "trial_start", json: nullable(dateTime), value: at((s) => s.trialStart) },
  { key: "trial_end", json: nullable(dateTime), value: at((s) => s.trialEnd) },
  { key: "cancel_at_period_end", json: { type: "boolean" }, value: ({ subscription }) => subscription.cancelAtPeriodEnd },
  { key: "canceled_at", json: nullable(dateTime), value: at((s) => s.canceledAt) },
  { key: "started_at", json: nullable(dateTime), value: at((s) => s.startedAt) },
  { key: "ends_at", json: nullable(dateTime), value: at((s) => s.endsAt) },
  { key: "ended_at", json: nullable(dateTime), value: at((s) => s.endedAt) },
  { key: "past_due_at", json: nullable(dateTime), value: at((s) => s.pastDueAt) },
  { key: "pause_at_period_end", json: { type: "boolean" }, value: () => false },
  { key: "paused_at", json: nullable(dateTime), value: () => null },
  { key: "resumes_at", json: nullable(dateTime), value: () => null },
  { key: "customer_id", json: uuid, value: ({ subscription }) => subscription.customerId },
  { key: "product_id", json: uuid, value: ({ subscription }) => subscription.productId },
  { key: "discount_id", json: nullable(uuid), value: () => null },
  { key: "checkout_id", json: nullable(uuid), value: () => null },
  { key: "seats", json: nullable(int), value: () => null },
  { key: "units", json: nullable(int), value: () => null },
  { key: "customer_cancellation_reason", json: nullable(REASON), value: ({ subscription }) => subscription.customerCancellationReason },
  {
    key: "customer_cancellation_comment",
    json: nullable({ type: "string" }),
    value: ({ subscription }) => subscription.customerCancellationComment,
  },
  { key: "metadata", json: METADATA_JSON, value: ({ subscription }) => subscription.metadata },
  { key: "custom_field_data", json: CUSTOM_FIELD_DATA, value: () => ({}) },
  { key: "customer", json: subscriptionCustomer.json, value: ({ customer }) => subscriptionCustomer.serialize(customer) },
  { key: "product", json: productResponse.json, value: ({ product }) => productResponse.serialize(product) },
  { key: "discount", json: nullable({ type: "object", title: "Discount" }), value: () => null },
  {
    key: "prices",
    json: { type: "array", items: priceResponse.json },
    value: ({ prices }) => prices.map((p) => priceResponse.serialize(p)),
  },
  {
    key: "meters",
    json: { type: "array", items: subscriptionMeterResponse.json },
    value: ({ meters }) => meters.map((m) => subscriptionMeterResponse.serialize(m)),
  },
  { key: "pending_update", json: nullable({ type: "object", title: "PendingSubscriptionUpdate" }), value: () => null },
];

/** `units` is code-only (absent from Polar's schema), like the deprecated fields added in serialize. */
const published = responseObject<S>(
  "Subscription",
  SUBSCRIPTION_FIELDS.filter((f) => f.key !== "units"),
);
const wire = responseObject<S>("Subscription", SUBSCRIPTION_FIELDS);

/** Polar's `public_name`: the first character of the name, else of the email, else "?". */
const publicName = (c: CustomerRecord) => c.name?.[0] ?? c.email?.[0] ?? "?";

export const subscriptionResponse: ResponseSchema<S> = {
  component: published.component,
  json: published.json,
  serialize(view) {
    const body = wire.serialize(view);
    const prices = body.prices as unknown[];
    const avatar = (body.customer as { avatar_url: string | null }).avatar_url;
    return {
      ...body,
      price_id: view.subscription.priceIds[0] ?? null,
      price: prices[0] ?? null,
      user_id: view.customer.id,
      user: {
        id: view.customer.id,
        email: view.customer.email,
        public_name: publicName(view.customer),
        avatar_url: avatar,
        github_username: null,
      },
    };
  },
};

export const subscriptionListResponse = listResource(subscriptionResponse);

/** A trialing/active subscription as customer state shows it. */
export interface StateSubscriptionView {
  subscription: SubscriptionRecord;
  meters: MeterUsage[];
}

const STATE_STATUS: JsonSchema = { type: "string", enum: ["active", "trialing"] };
type T = StateSubscriptionView;
const st = (pick: (s: SubscriptionRecord) => Date | null) => (v: T) => formatNullableDateTime(pick(v.subscription));

const stateSubscription = responseObject<T>("CustomerStateSubscription", [
  { key: "id", json: uuid, value: ({ subscription }) => subscription.id },
  { key: "created_at", json: dateTime, value: st((s) => s.createdAt) },
  { key: "modified_at", json: nullable(dateTime), value: st((s) => s.modifiedAt) },
  { key: "custom_field_data", json: CUSTOM_FIELD_DATA, value: () => ({}) },
  { key: "metadata", json: METADATA_JSON, value: ({ subscription }) => subscription.metadata },
  { key: "status", json: STATE_STATUS, value: ({ subscription }) => subscription.status },
  { key: "amount", json: int, value: ({ subscription }) => subscription.amount },
  { key: "currency", json: { type: "string" }, value: ({ subscription }) => subscription.currency },
  { key: "recurring_interval", json: INTERVAL, value: ({ subscription }) => subscription.recurringInterval },
  { key: "current_period_start", json: dateTime, value: st((s) => s.currentPeriodStart) },
  { key: "current_period_end", json: dateTime, value: st((s) => s.currentPeriodEnd) },
  { key: "trial_start", json: nullable(dateTime), value: st((s) => s.trialStart) },
  { key: "trial_end", json: nullable(dateTime), value: st((s) => s.trialEnd) },
  { key: "cancel_at_period_end", json: { type: "boolean" }, value: ({ subscription }) => subscription.cancelAtPeriodEnd },
  { key: "canceled_at", json: nullable(dateTime), value: st((s) => s.canceledAt) },
  { key: "started_at", json: nullable(dateTime), value: st((s) => s.startedAt) },
  { key: "ends_at", json: nullable(dateTime), value: st((s) => s.endsAt) },
  { key: "product_id", json: uuid, value: ({ subscription }) => subscription.productId },
  { key: "discount_id", json: nullable(uuid), value: () => null },
  {
    key: "meters",
    json: { type: "array", items: stateSubscriptionMeterResponse.json },
    value: ({ meters }) => meters.map((m) => stateSubscriptionMeterResponse.serialize(m)),
  },
]);

/** With the wire-only `price_id` (the first price). */
export const stateSubscriptionResponse: ResponseSchema<T> = {
  component: stateSubscription.component,
  json: stateSubscription.json,
  serialize(view) {
    const body = stateSubscription.serialize(view);
    body.price_id = view.subscription.priceIds[0] ?? null;
    return body;
  },
};
