// The four meters endpoints, each defined once.
import { resourceScopes } from "../../platform/auth/scopes.js";
import { byIdOf } from "../../platform/http/by-id.js";
import { operationsFor } from "../../platform/http/operation.js";
import { listQuery } from "../../platform/schema/list-query.js";
import { booleanParam, metadataParam, textParam, uuidListParam } from "../../platform/schema/query.js";
import { exampleMeter, exampleMeterCreateBody, exampleMeterPage, exampleMeterUpdateBody, exampleUpdatedMeter } from "./examples.js";
import { meterCreate, meterUpdate } from "./requests.js";
import { meterListResponse, meterResponse } from "./responses.js";
import type { MeterService } from "./service.js";
import type { MeterSortField } from "./store.js";

export interface MeterServices {
  meters: MeterService;
}

const operation = operationsFor<MeterServices>();

const { read: READ, write: WRITE } = resourceScopes("meters");
const { byId, NOT_FOUND } = byIdOf("meter");

const meterListQuery = listQuery({
  sortFields: ["created_at", "name"] satisfies MeterSortField[],
  defaultSorting: [{ field: "name", descending: false }],
  filters: {
    organization_id: uuidListParam("Filter by organization ID (repeatable)."),
    query: textParam("Filter by part of the name, ignoring case."),
    is_archived: booleanParam("Filter on archived meters.", undefined),
    metadata: metadataParam("Filter by metadata key-value pairs, e.g. `metadata[team]=core`."),
  },
});

export const meterOperations = [
  operation({
    method: "GET",
    path: "/v1/meters/",
    operationId: "meters:list",
    memo: true,
    summary: "List Meters",
    description: "List meters.",
    scopes: READ,
    query: meterListQuery,
    response: { status: 200, body: meterListResponse },
    examples: { response: exampleMeterPage },
    handle: async ({ access, query: { filters, sorting, limit, offset } }, { meters }) => {
      const page = await meters.list(access, {
        organizationIds: filters.organization_id,
        query: filters.query,
        isArchived: filters.is_archived,
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
    path: "/v1/meters/",
    operationId: "meters:create",
    summary: "Create Meter",
    description: "Create a meter: which events it counts (filter) and how (aggregation).",
    scopes: WRITE,
    body: meterCreate,
    response: { status: 201, body: meterResponse },
    examples: { body: exampleMeterCreateBody, response: exampleMeter },
    handle: ({ access, body }, { meters }) => meters.create(access, body),
  }),
  operation({
    method: "GET",
    path: "/v1/meters/:id",
    operationId: "meters:get",
    memo: true,
    summary: "Get Meter",
    description: "Get a meter by ID (archived meters included).",
    scopes: READ,
    params: byId,
    response: { status: 200, body: meterResponse },
    examples: { response: exampleMeter },
    errors: [NOT_FOUND],
    handle: ({ access, params }, { meters }) => meters.get(access, params.id),
  }),
  operation({
    method: "PATCH",
    path: "/v1/meters/:id",
    operationId: "meters:update",
    summary: "Update Meter",
    description: "Update a meter, or archive it with `is_archived`.",
    scopes: WRITE,
    params: byId,
    body: meterUpdate,
    response: { status: 200, body: meterResponse },
    examples: { body: exampleMeterUpdateBody, response: exampleUpdatedMeter },
    errors: [NOT_FOUND],
    handle: async ({ access, params, body }, { meters }) => meters.update(access, await meters.get(access, params.id), body),
  }),
];
