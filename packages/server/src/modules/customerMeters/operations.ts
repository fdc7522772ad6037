// The two customer-meters endpoints (read-only; `customer_meters:read` is the only scope).
import { byIdOf } from "../../platform/http/by-id.js";
import { operationsFor } from "../../platform/http/operation.js";
import { listQuery } from "../../platform/schema/list-query.js";
import { textListParam, uuidListParam } from "../../platform/schema/query.js";
import { exampleCustomerMeter, exampleCustomerMeterPage } from "./examples.js";
import { customerMeterListResponse, customerMeterResponse } from "./responses.js";
import type { CustomerMeterService, CustomerMeterSortField } from "./service.js";

export interface CustomerMeterServices {
  customerMeters: CustomerMeterService;
}

const operation = operationsFor<CustomerMeterServices>();
const READ = ["customer_meters:read"] as const;
const { byId, NOT_FOUND } = byIdOf("customer meter");

const customerMeterListQuery = listQuery({
  sortFields: [
    "created_at",
    "modified_at",
    "customer_id",
    "customer_name",
    "meter_id",
    "meter_name",
    "consumed_units",
    "credited_units",
    "balance",
  ] satisfies CustomerMeterSortField[],
  defaultSorting: [{ field: "modified_at", descending: true }],
  filters: {
    organization_id: uuidListParam("Filter by organization ID."),
    customer_id: uuidListParam("Filter by customer ID."),
    external_customer_id: textListParam("Filter by external customer ID."),
    meter_id: uuidListParam("Filter by meter ID (rows of archived meters are included only with this filter)."),
  },
});

export const customerMeterOperations = [
  operation({
    method: "GET",
    path: "/v1/customer-meters/",
    operationId: "customer_meters:list",
    memo: true,
    summary: "List Customer Meters",
    description: "List customer meters, with consumed and credited units computed from the events.",
    scopes: READ,
    query: customerMeterListQuery,
    response: { status: 200, body: customerMeterListResponse },
    examples: { response: exampleCustomerMeterPage },
    handle: async ({ access, query: { filters, sorting, limit, offset } }, { customerMeters }) => {
      const page = await customerMeters.list(access, {
        organizationIds: filters.organization_id,
        customerIds: filters.customer_id,
        externalCustomerIds: filters.external_customer_id,
        meterIds: filters.meter_id,
        sorting,
        limit,
        offset,
      });
      return { ...page, limit };
    },
  }),
  operation({
    method: "GET",
    path: "/v1/customer-meters/:id",
    operationId: "customer_meters:get",
    memo: true,
    summary: "Get Customer Meter",
    description: "Get a customer meter by ID.",
    scopes: READ,
    params: byId,
    response: { status: 200, body: customerMeterResponse },
    examples: { response: exampleCustomerMeter },
    errors: [NOT_FOUND],
    handle: ({ access, params }, { customerMeters }) => customerMeters.get(access, params.id),
  }),
];
