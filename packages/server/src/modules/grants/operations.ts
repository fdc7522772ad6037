// The grant listing endpoints. Both are read-only: grants follow subscriptions.
import { byIdOf } from "../../platform/http/by-id.js";
import { resourceScopes } from "../../platform/auth/scopes.js";
import { operationsFor } from "../../platform/http/operation.js";
import { listQuery } from "../../platform/schema/list-query.js";
import { booleanParam, textListParam, uuidListParam } from "../../platform/schema/query.js";
import { exampleGrantPage } from "./examples.js";
import { grantListResponse } from "./responses.js";
import type { GrantService } from "./service.js";
import type { GrantSortField } from "./store.js";

export interface GrantServices {
  grants: GrantService;
}

/** `GET /v1/benefits/{id}/grants` names a benefit. */
const benefit = byIdOf("benefit");
const operation = operationsFor<GrantServices>();
const { read: READ } = resourceScopes("benefits");

const grantListQuery = listQuery({
  sortFields: ["created_at", "granted_at", "revoked_at"] satisfies GrantSortField[],
  defaultSorting: [{ field: "created_at", descending: true }],
  filters: {
    organization_id: uuidListParam("Filter by organization ID (repeatable)."),
    customer_id: uuidListParam("Filter by customer ID (repeatable)."),
    external_customer_id: textListParam("Filter by customer external ID (repeatable)."),
    is_granted: booleanParam("Filter by whether the grant is currently granted.", undefined),
  },
});

const benefitGrantsQuery = listQuery({
  sortFields: ["created_at"] as const,
  defaultSorting: [{ field: "created_at", descending: true }],
  filters: {
    is_granted: booleanParam("Filter by granted status; false lists every grant not currently granted.", undefined),
    customer_id: uuidListParam("Filter by customer ID (repeatable)."),
    member_id: uuidListParam("Filter by member ID (repeatable)."),
  },
});

export const grantOperations = [
  operation({
    method: "GET",
    path: "/v1/benefit-grants/",
    operationId: "benefit-grants:list",
    memo: true,
    summary: "List Benefit Grants",
    description: "List the benefit grants of the organizations' customers.",
    scopes: READ,
    query: grantListQuery,
    response: { status: 200, body: grantListResponse },
    examples: { response: exampleGrantPage },
    handle: async ({ access, query: { filters, sorting, limit, offset } }, { grants }) => {
      const page = await grants.list(access, {
        organizationIds: filters.organization_id,
        customerIds: filters.customer_id,
        externalCustomerIds: filters.external_customer_id,
        isGranted: filters.is_granted,
        sorting,
        limit,
        offset,
      });
      return { ...page, limit };
    },
  }),
  operation({
    method: "GET",
    path: "/v1/benefits/:id/grants",
    operationId: "benefits:grants",
    memo: true,
    // Polar titles both grant listings "List Benefit Grants"; the docs page needs them apart.
    summary: "List Grants of a Benefit",
    description: "List the grants of a benefit, newest first.",
    scopes: READ,
    params: benefit.byId,
    query: benefitGrantsQuery,
    response: { status: 200, body: grantListResponse },
    examples: { response: exampleGrantPage },
    errors: [benefit.NOT_FOUND],
    handle: async ({ access, params, query: { filters, sorting, limit, offset } }, { grants }) => {
      const page = await grants.listOfBenefit(access, params.id, {
        // No member model on this server: a member filter matches no grant.
        customerIds: filters.member_id !== undefined ? [] : filters.customer_id,
        isGranted: filters.is_granted,
        sorting,
        limit,
        offset,
      });
      return { ...page, limit };
    },
  }),
];
