// Documentation examples for the benefits operations: records run through the
// response schemas (so the published JSON is what the server sends), and
// request bodies the endpoints accept.

import type { Page } from "../../platform/schema/response.js";
import type { BenefitRecord } from "./model.js";

export const exampleBenefit: BenefitRecord = {
  id: "b7d3c2a1-5e4f-4a8b-9c0d-1e2f3a4b5c6d",
  organizationId: "1dbfc517-0bbf-4301-9ba8-555ca42b9737",
  createdAt: new Date("2026-04-01T09:10:00.000Z"),
  modifiedAt: null,
  deletedAt: null,
  type: "custom",
  description: "Priority support",
  visibility: "public",
  metadata: { tier: "pro" },
  properties: { note: "Write to support@example.com: answered within a day." },
};

export const exampleUpdatedBenefit: BenefitRecord = {
  ...exampleBenefit,
  modifiedAt: new Date("2026-04-02T11:00:00.000Z"),
  description: "Priority support (24 h)",
};

export const exampleBenefitPage: Page<BenefitRecord> = { items: [exampleBenefit], totalCount: 1, limit: 10 };

export const exampleBenefitCreateBody = {
  type: "custom",
  description: "Priority support",
  properties: { note: "Write to support@example.com: answered within a day." },
  metadata: { tier: "pro" },
};

export const exampleBenefitUpdateBody = { type: "custom", description: "Priority support (24 h)" };
