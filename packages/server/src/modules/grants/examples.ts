// Documentation examples for the grant listings: the example customer's grant
// of the example benefit through a subscription, run through the response
// schema (so the published JSON is what the server sends).

import type { Page } from "../../platform/schema/response.js";
import { exampleBenefit } from "../benefits/index.js";
import { exampleCustomer } from "../customers/index.js";
import type { GrantView } from "./responses.js";

const grantedAt = new Date("2026-04-01T10:00:00.000Z");

export const exampleGrant: GrantView = {
  grant: {
    id: "0d9c8b7a-6f5e-4d3c-8b2a-190f8e7d6c5b",
    organizationId: exampleCustomer.organizationId,
    customerId: exampleCustomer.id,
    benefitId: exampleBenefit.id,
    subscriptionId: "8e2f4a6c-1b3d-4e5f-9a7b-c9d8e7f6a5b4",
    createdAt: grantedAt,
    modifiedAt: null,
    grantedAt,
    revokedAt: null,
    properties: {},
  },
  customer: exampleCustomer,
  benefit: exampleBenefit,
};

export const exampleGrantPage: Page<GrantView> = { items: [exampleGrant], totalCount: 1, limit: 10 };
