// Documentation examples for the products operations: product views (with
// the example benefit) run through the response schemas, so the published
// JSON is what the server sends, and request bodies the endpoints accept.

import type { Page } from "../../platform/schema/response.js";
import { exampleBenefit } from "../benefits/index.js";
import type { ProductRecord } from "./model.js";
import type { ProductView } from "./responses.js";

const PRODUCT_ID = "3f9a2b1c-7d6e-4c5b-8a9f-0e1d2c3b4a59";
const createdAt = new Date("2026-04-01T09:20:00.000Z");

const product: ProductRecord = {
  id: PRODUCT_ID,
  organizationId: "1dbfc517-0bbf-4301-9ba8-555ca42b9737",
  createdAt,
  modifiedAt: null,
  name: "Pro",
  description: "Everything in Free, plus priority support.",
  visibility: "public",
  recurringInterval: "month",
  recurringIntervalCount: 1,
  trialInterval: null,
  trialIntervalCount: null,
  meterInterval: null,
  meterIntervalCount: null,
  isArchived: false,
  metadata: { plan: "pro" },
  prices: [
    {
      id: "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d",
      productId: PRODUCT_ID,
      createdAt,
      modifiedAt: null,
      amountType: "fixed",
      priceCurrency: "usd",
      taxBehavior: null,
      isArchived: false,
      position: 0,
      priceAmount: 2000,
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

export const exampleProduct: ProductView = { product, benefits: [], meters: new Map() };

export const exampleUpdatedProduct: ProductView = {
  ...exampleProduct,
  product: { ...product, modifiedAt: new Date("2026-04-02T12:00:00.000Z"), description: "Priority support included." },
};

export const exampleProductWithBenefits: ProductView = {
  ...exampleProduct,
  product: { ...product, modifiedAt: new Date("2026-04-02T12:05:00.000Z"), benefitIds: [exampleBenefit.id] },
  benefits: [exampleBenefit],
};

export const exampleProductPage: Page<ProductView> = { items: [exampleProduct], totalCount: 1, limit: 10 };

export const exampleProductCreateBody = {
  name: "Pro",
  description: "Everything in Free, plus priority support.",
  recurring_interval: "month",
  prices: [{ amount_type: "fixed", price_currency: "usd", price_amount: 2000 }],
  metadata: { plan: "pro" },
};

export const exampleProductUpdateBody = { description: "Priority support included." };

export const exampleProductBenefitsBody = { benefits: [exampleBenefit.id] };
