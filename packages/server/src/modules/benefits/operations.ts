// The benefits endpoints, each defined once.
import { NotPermitted } from "../../platform/errors.js";
import { resourceScopes } from "../../platform/auth/scopes.js";
import { byIdOf } from "../../platform/http/by-id.js";
import { operationsFor } from "../../platform/http/operation.js";
import { listQuery } from "../../platform/schema/list-query.js";
import { enumOrListParam, metadataParam, textParam, uuidListParam } from "../../platform/schema/query.js";
import { BENEFIT_TYPES } from "./model.js";
import {
  exampleBenefit,
  exampleBenefitCreateBody,
  exampleBenefitPage,
  exampleBenefitUpdateBody,
  exampleUpdatedBenefit,
} from "./examples.js";
import { benefitCreate, benefitUpdate } from "./requests.js";
import { benefitListResponse, benefitResponse } from "./responses.js";
import type { BenefitService } from "./service.js";
import type { BenefitSortField } from "./store.js";

export interface BenefitServices {
  benefits: BenefitService;
}

const operation = operationsFor<BenefitServices>();

const { read: READ, write: WRITE } = resourceScopes("benefits");
const { byId, NOT_FOUND } = byIdOf("benefit");

const benefitListQuery = listQuery({
  sortFields: ["created_at", "description", "type", "user_order"] satisfies BenefitSortField[],
  defaultSorting: [{ field: "created_at", descending: true }],
  filters: {
    organization_id: uuidListParam("Filter by organization ID (repeatable)."),
    type: enumOrListParam(BENEFIT_TYPES, "Filter by benefit type (repeatable).", "BenefitType"),
    id: uuidListParam("Filter by benefit IDs (repeatable); `user_order` sorts by their order here."),
    exclude_id: uuidListParam("Exclude benefits with these IDs (repeatable)."),
    query: textParam("Filter by part of the description, ignoring case."),
    metadata: metadataParam("Filter by metadata key-value pairs, e.g. `metadata[plan]=pro`."),
  },
});

export const benefitOperations = [
  operation({
    method: "GET",
    path: "/v1/benefits/",
    operationId: "benefits:list",
    memo: true,
    summary: "List Benefits",
    description: "List benefits.",
    scopes: READ,
    query: benefitListQuery,
    response: { status: 200, body: benefitListResponse },
    examples: { response: exampleBenefitPage },
    handle: async ({ access, query: { filters, sorting, limit, offset } }, { benefits }) => {
      const page = await benefits.list(access, {
        organizationIds: filters.organization_id,
        types: filters.type,
        ids: filters.id,
        excludeIds: filters.exclude_id,
        query: filters.query,
        metadata: filters.metadata,
        sorting,
        limit,
        offset,
      });
      return { ...page, limit };
    },
  }),
  operation({
    method: "POST",
    path: "/v1/benefits/",
    operationId: "benefits:create",
    summary: "Create Benefit",
    description: "Create a benefit.",
    scopes: WRITE,
    body: benefitCreate,
    response: { status: 201, body: benefitResponse },
    examples: { body: exampleBenefitCreateBody, response: exampleBenefit },
    handle: ({ access, body }, { benefits }) => benefits.create(access, body),
  }),
  operation({
    method: "GET",
    path: "/v1/benefits/:id",
    operationId: "benefits:get",
    memo: true,
    summary: "Get Benefit",
    description: "Get a benefit by ID.",
    scopes: READ,
    params: byId,
    response: { status: 200, body: benefitResponse },
    examples: { response: exampleBenefit },
    errors: [NOT_FOUND],
    handle: ({ access, params }, { benefits }) => benefits.get(access, params.id),
  }),
  operation({
    method: "PATCH",
    path: "/v1/benefits/:id",
    operationId: "benefits:update",
    summary: "Update Benefit",
    description: "Update a benefit; its type cannot change.",
    scopes: WRITE,
    params: byId,
    body: benefitUpdate,
    response: { status: 200, body: benefitResponse },
    examples: { body: exampleBenefitUpdateBody, response: exampleUpdatedBenefit },
    errors: [NOT_FOUND],
    handle: async ({ access, params, body }, { benefits }) => benefits.update(access, await benefits.get(access, params.id), body),
  }),
  operation({
    method: "DELETE",
    path: "/v1/benefits/:id",
    operationId: "benefits:delete",
    summary: "Delete Benefit",
    description: "Delete a benefit: soft-deletes it and detaches it from every product.",
    scopes: WRITE,
    params: byId,
    response: { status: 204 },
    errors: [NOT_FOUND, NotPermitted],
    handle: async ({ access, params }, { benefits }) => benefits.delete(access, await benefits.get(access, params.id)),
  }),
];
