// The ten customers endpoints, each defined once: route, scopes, parameters,
// body, response and documentation. Handlers only hand parsed input to the
// service; the rules live in service.ts.

import { Conflict, ResourceNotFound } from "../../platform/errors.js";
import { resourceScopes } from "../../platform/auth/scopes.js";
import { operationsFor } from "../../platform/http/operation.js";
import { listQuery } from "../../platform/schema/list-query.js";
import { booleanParam, metadataParam, pathParam, queryParams, textParam, uuidListParam } from "../../platform/schema/query.js";
import { string } from "../../platform/schema/core.js";
import { uuid4 } from "../../platform/schema/uuid.js";
import { customerCreate, customerUpdate, customerUpdateExternalId } from "./requests.js";
import {
  EXAMPLE_CUSTOMER_ID,
  EXAMPLE_EXTERNAL_ID,
  exampleCreateBody,
  exampleCustomer,
  examplePage,
  exampleUpdateBody,
  exampleUpdatedCustomer,
} from "./examples.js";
import { customerListResponse, customerResponse } from "./responses.js";
import type { CustomerService } from "./service.js";
import type { SortField } from "./store.js";

export interface CustomerServices {
  customers: CustomerService;
}

const operation = operationsFor<CustomerServices>();

const { read: READ, write: WRITE } = resourceScopes("customers");

/** Path parameters and errors shared with the customer-state operations (in a later module). */
export const byId = { id: pathParam(uuid4(), "The customer ID.", EXAMPLE_CUSTOMER_ID) };
export const byExternalId = { external_id: pathParam(string(), "The customer external ID.", EXAMPLE_EXTERNAL_ID) };
export const NOT_FOUND = [ResourceNotFound, "Customer not found."] as const;
/** A user token reaching several organizations with that external id (Polar answers 500). */
export const AMBIGUOUS = [Conflict, "Several of the caller's organizations have a customer with this external ID."] as const;

const deletionQuery = queryParams({ anonymize: booleanParam("Also replace the customer's personal data with hashes.", false) });

const customerListQuery = listQuery({
  sortFields: ["created_at", "email", "name"] satisfies SortField[],
  defaultSorting: [{ field: "created_at", descending: true }],
  filters: {
    organization_id: uuidListParam("Filter by organization ID (repeatable)."),
    email: textParam("Filter by exact email, ignoring case."),
    query: textParam("Filter by part of the email, name or billing name, or the start of the external ID.", { emptyIsAbsent: true }),
    active: booleanParam("Filter by whether the customer has an active subscription.", undefined),
    metadata: metadataParam("Filter by metadata key-value pairs, e.g. `metadata[plan]=pro`."),
  },
});

export const customerOperations = [
  operation({
    method: "GET",
    path: "/v1/customers/",
    operationId: "customers:list",
    memo: true,
    summary: "List Customers",
    description: "List customers.",
    scopes: READ,
    query: customerListQuery,
    response: { status: 200, body: customerListResponse },
    examples: { response: examplePage },
    handle: async ({ access, query: { filters, sorting, limit, offset } }, { customers }) => {
      const page = await customers.list(access, {
        organizationIds: filters.organization_id,
        email: filters.email,
        query: filters.query,
        metadata: filters.metadata,
        active: filters.active,
        sorting,
        limit,
        offset,
      });
      return { ...page, limit };
    },
  }),
  operation({
    method: "POST",
    path: "/v1/customers/",
    operationId: "customers:create",
    summary: "Create Customer",
    description: "Create a customer.",
    scopes: WRITE,
    body: customerCreate,
    response: { status: 201, body: customerResponse },
    examples: { body: exampleCreateBody, response: exampleCustomer },
    handle: ({ access, body }, { customers }) => customers.create(access, body),
  }),
  operation({
    method: "GET",
    path: "/v1/customers/external/:external_id",
    operationId: "customers:get_external",
    memo: true,
    summary: "Get Customer by External ID",
    description: "Get a customer by external ID.",
    scopes: READ,
    params: byExternalId,
    response: { status: 200, body: customerResponse },
    errors: [NOT_FOUND, AMBIGUOUS],
    examples: { response: exampleCustomer },
    handle: ({ access, params }, { customers }) => customers.getByExternalId(access, params.external_id),
  }),
  operation({
    method: "PATCH",
    path: "/v1/customers/external/:external_id",
    operationId: "customers:update_external",
    summary: "Update Customer by External ID",
    description: "Update a customer by external ID.",
    scopes: WRITE,
    params: byExternalId,
    body: customerUpdateExternalId,
    response: { status: 200, body: customerResponse },
    errors: [NOT_FOUND, AMBIGUOUS],
    examples: { body: exampleUpdateBody, response: exampleUpdatedCustomer },
    handle: async ({ access, params, body }, { customers }) =>
      customers.update(access, await customers.getByExternalId(access, params.external_id), body),
  }),
  operation({
    method: "DELETE",
    path: "/v1/customers/external/:external_id",
    operationId: "customers:delete_external",
    summary: "Delete Customer by External ID",
    description: "Delete a customer by external ID.",
    scopes: WRITE,
    params: byExternalId,
    query: deletionQuery,
    response: { status: 204 },
    errors: [NOT_FOUND, AMBIGUOUS],
    handle: async ({ access, params, query }, { customers }) =>
      customers.delete(access, await customers.getByExternalId(access, params.external_id), query.anonymize),
  }),
  operation({
    method: "GET",
    path: "/v1/customers/:id",
    operationId: "customers:get",
    memo: true,
    summary: "Get Customer",
    description: "Get a customer by ID.",
    scopes: READ,
    params: byId,
    response: { status: 200, body: customerResponse },
    errors: [NOT_FOUND],
    examples: { response: exampleCustomer },
    handle: ({ access, params }, { customers }) => customers.get(access, params.id),
  }),
  operation({
    method: "PATCH",
    path: "/v1/customers/:id",
    operationId: "customers:update",
    summary: "Update Customer",
    description: "Update a customer.",
    scopes: WRITE,
    params: byId,
    body: customerUpdate,
    response: { status: 200, body: customerResponse },
    errors: [NOT_FOUND],
    examples: { body: exampleUpdateBody, response: exampleUpdatedCustomer },
    handle: async ({ access, params, body }, { customers }) => customers.update(access, await customers.get(access, params.id), body),
  }),
  operation({
    method: "DELETE",
    path: "/v1/customers/:id",
    operationId: "customers:delete",
    summary: "Delete Customer",
    description: "Delete a customer: soft-deletes it, frees its email and external ID, and optionally anonymizes it.",
    scopes: WRITE,
    params: byId,
    query: deletionQuery,
    response: { status: 204 },
    errors: [NOT_FOUND],
    handle: async ({ access, params, query }, { customers }) =>
      customers.delete(access, await customers.get(access, params.id), query.anonymize),
  }),
];
