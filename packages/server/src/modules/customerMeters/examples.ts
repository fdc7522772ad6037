// Documentation examples for the customer-meters operations: the example
// customer's usage of a token meter, run through the response schema (so the
// published JSON is what the server sends).

import type { Page } from "../../platform/schema/response.js";
import { exampleCustomer } from "../customers/index.js";
import { exampleMeter } from "../meters/index.js";
import type { CustomerMeterView } from "./responses.js";

const meter = exampleMeter;

export const exampleCustomerMeter: CustomerMeterView = {
  state: {
    id: "5e8d7c6b-4a39-4281-b7f6-e5d4c3b2a190",
    organizationId: exampleCustomer.organizationId,
    customerId: exampleCustomer.id,
    meterId: meter.id,
    createdAt: new Date("2026-04-01T10:00:00.000Z"),
    modifiedAt: new Date("2026-04-03T16:42:00.000Z"),
    consumedUnits: 1250,
    creditedUnits: 10000,
    balance: 8750,
  },
  customer: exampleCustomer,
  meter,
};

export const exampleCustomerMeterPage: Page<CustomerMeterView> = { items: [exampleCustomerMeter], totalCount: 1, limit: 10 };
