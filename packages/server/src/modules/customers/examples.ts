// Documentation examples for the customers operations. Response examples are
// customer records run through the response schemas, so the published JSON
// is exactly what the server sends; the request bodies are accepted as they
// are (the HTTP tests send each one to a real server).

import type { Page } from "../../platform/schema/response.js";
import type { CustomerRecord } from "./model.js";

export const EXAMPLE_CUSTOMER_ID = "992fae2a-2a17-4b7a-8d81-1f6f3f0c6e77";
export const EXAMPLE_EXTERNAL_ID = "usr_1337";

export const exampleCustomer: CustomerRecord = {
  id: EXAMPLE_CUSTOMER_ID,
  organizationId: "1dbfc517-0bbf-4301-9ba8-555ca42b9737",
  createdAt: new Date("2026-04-01T09:30:00.000Z"),
  modifiedAt: null,
  deletedAt: null,
  email: "jane@example.com",
  emailVerified: false,
  type: "individual",
  name: "Jane Doe",
  billingName: null,
  billingAddress: { line1: "12 rue de la Paix", line2: null, postalCode: "75002", city: "Paris", state: null, country: "FR" },
  taxId: ["FR61954506077", "eu_vat"],
  locale: "fr-FR",
  externalId: EXAMPLE_EXTERNAL_ID,
  metadata: { plan: "pro", seats: 3 },
  defaultPaymentMethodId: null,
  firstUserEventAt: null,
};

export const exampleUpdatedCustomer: CustomerRecord = {
  ...exampleCustomer,
  modifiedAt: new Date("2026-04-02T14:05:00.000Z"),
  name: "Jane Martin",
  metadata: { plan: "team", seats: 10 },
};

export const examplePage: Page<CustomerRecord> = { items: [exampleCustomer], totalCount: 1, limit: 10 };

export const exampleCreateBody = {
  type: "individual",
  email: "jane@example.com",
  name: "Jane Doe",
  external_id: EXAMPLE_EXTERNAL_ID,
  billing_address: { line1: "12 rue de la Paix", postal_code: "75002", city: "Paris", country: "FR" },
  tax_id: "FR61954506077",
  locale: "fr-FR",
  metadata: { plan: "pro", seats: 3 },
};

export const exampleUpdateBody = { name: "Jane Martin", metadata: { plan: "team", seats: 10 } };
