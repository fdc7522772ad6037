// Documentation examples for the subscriptions operations: the example
// customer's subscription to a free monthly product (the only kind this
// server creates), run through the response schema (so the published JSON is
// what the server sends), and request bodies the endpoints accept.

import type { Page } from "../../platform/schema/response.js";
import { exampleCustomer } from "../customers/index.js";
import type { PriceView, ProductRecord, ProductView } from "../products/index.js";
import type { SubscriptionRecord } from "./model.js";
import type { SubscriptionView } from "./responses.js";

const organizationId = exampleCustomer.organizationId;
const PRODUCT_ID = "4b8e2c1a-9d7f-4e6b-a5c3-2f1e0d9c8b7a";
const productCreatedAt = new Date("2026-04-01T09:15:00.000Z");

const product: ProductRecord = {
  id: PRODUCT_ID,
  organizationId,
  createdAt: productCreatedAt,
  modifiedAt: null,
  name: "Free",
  description: "The free plan: one project, community support.",
  visibility: "public",
  recurringInterval: "month",
  recurringIntervalCount: 1,
  trialInterval: null,
  trialIntervalCount: null,
  meterInterval: null,
  meterIntervalCount: null,
  isArchived: false,
  metadata: { plan: "free" },
  prices: [
    {
      id: "c7d6e5f4-a3b2-4c1d-9e8f-7a6b5c4d3e2f",
      productId: PRODUCT_ID,
      createdAt: productCreatedAt,
      modifiedAt: null,
      amountType: "fixed",
      priceCurrency: "usd",
      taxBehavior: null,
      isArchived: false,
      position: 0,
      priceAmount: 0,
      minimumAmount: null,
      maximumAmount: null,
      presetAmount: null,
      meterId: null,
      unitAmount: null,
      capAmount: null,
    },
  ],
  benefitIds: [],
};

const productView: ProductView = { product, benefits: [], meters: new Map() };
const prices: PriceView[] = product.prices.map((price) => ({ price, recurringInterval: "month", meter: null }));

const startedAt = new Date("2026-04-01T10:00:00.000Z");
const periodEnd = new Date("2026-05-01T10:00:00.000Z");

const subscription: SubscriptionRecord = {
  id: "8e2f4a6c-1b3d-4e5f-9a7b-c9d8e7f6a5b4",
  organizationId,
  customerId: exampleCustomer.id,
  productId: PRODUCT_ID,
  createdAt: startedAt,
  modifiedAt: null,
  status: "active",
  amount: 0,
  currency: "usd",
  recurringInterval: "month",
  recurringIntervalCount: 1,
  currentPeriodStart: startedAt,
  currentPeriodEnd: periodEnd,
  anchorDay: 1,
  trialStart: null,
  trialEnd: null,
  cancelAtPeriodEnd: false,
  canceledAt: null,
  startedAt,
  endsAt: null,
  endedAt: null,
  pastDueAt: null,
  customerCancellationReason: null,
  customerCancellationComment: null,
  metadata: { source: "onboarding" },
  priceIds: product.prices.map((p) => p.id),
  meters: [],
};

export const exampleSubscription: SubscriptionView = { subscription, customer: exampleCustomer, product: productView, prices, meters: [] };

const canceledAt = new Date("2026-04-12T08:30:00.000Z");

/** After the update body below: still active, ending with its period. */
export const exampleCanceledSubscription: SubscriptionView = {
  ...exampleSubscription,
  subscription: {
    ...subscription,
    modifiedAt: canceledAt,
    cancelAtPeriodEnd: true,
    canceledAt,
    endsAt: periodEnd,
    customerCancellationReason: "unused",
  },
};

/** Revoked: ended now. */
export const exampleRevokedSubscription: SubscriptionView = {
  ...exampleSubscription,
  subscription: { ...subscription, modifiedAt: canceledAt, status: "canceled", canceledAt, endsAt: canceledAt, endedAt: canceledAt },
};

export const exampleSubscriptionPage: Page<SubscriptionView> = { items: [exampleSubscription], totalCount: 1, limit: 10 };

export const exampleSubscriptionCreateBody = {
  product_id: PRODUCT_ID,
  customer_id: exampleCustomer.id,
  metadata: { source: "onboarding" },
};

export const exampleSubscriptionUpdateBody = { cancel_at_period_end: true, customer_cancellation_reason: "unused" };
