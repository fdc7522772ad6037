// The eight webhooks endpoints of Polar's API.
import { byIdOf } from "../../platform/http/by-id.js";
import { resourceScopes } from "../../platform/auth/scopes.js";
import { operationsFor } from "../../platform/http/operation.js";
import { listQuery } from "../../platform/schema/list-query.js";
import { booleanParam, enumOrListParam, textParam, uuidListParam, lastValue, type QueryField } from "../../platform/schema/query.js";
import { issue } from "../../platform/schema/issues.js";
import { expectedList } from "../../platform/schema/core.js";
import {
  exampleDeliveryPage,
  exampleEndpoint,
  exampleEndpointCreateBody,
  exampleEndpointPage,
  exampleEndpointUpdateBody,
  exampleEndpointWithNewSecret,
  exampleUpdatedEndpoint,
} from "./examples.js";
import { WEBHOOK_EVENT_TYPES } from "./model.js";
import { awareDateTimeParam, endpointCreate, endpointUpdate, HTTP_CODE_CLASSES } from "./requests.js";
import { deliveryListResponse, endpointListResponse, endpointResponse } from "./responses.js";
import type { WebhookService } from "./service.js";
import { component } from "../../platform/schema/component.js";

export interface WebhookServices {
  webhooks: WebhookService;
}

const operation = operationsFor<WebhookServices>();
const { read: READ, write: WRITE } = resourceScopes("webhooks");
const { byId, NOT_FOUND } = byIdOf("webhook endpoint");
const webhookEvent = byIdOf("webhook event");

const endpointListQuery = listQuery({
  sortFields: [],
  defaultSorting: [],
  filters: { organization_id: uuidListParam("Filter by organization ID.") },
});

/** `Literal["2xx", …] | None`. */
const httpCodeClassParam: QueryField<2 | 3 | 4 | 5 | undefined> = {
  parameter: (name) => ({
    name,
    in: "query",
    required: false,
    schema: { anyOf: [{ type: "string", enum: [...HTTP_CODE_CLASSES] }, { type: "null" }] },
    description: "Filter by HTTP response code class (2xx, 3xx, 4xx, 5xx).",
  }),
  parse(query, name, issues) {
    const text = lastValue(query[name]);
    if (text === undefined) return undefined;
    const index = (HTTP_CODE_CLASSES as readonly string[]).indexOf(text);
    if (index < 0) {
      const expected = expectedList(HTTP_CODE_CLASSES.map((c) => `'${c}'`)).replace(/''/g, "'");
      issues.push(issue("literal_error", ["query", name], `Input should be ${expected}`, text, { expected }));
      return undefined;
    }
    return (index + 2) as 2 | 3 | 4 | 5;
  },
};

const deliveryListQuery = listQuery({
  sortFields: [],
  defaultSorting: [],
  filters: {
    endpoint_id: uuidListParam("Filter by webhook endpoint ID."),
    start_timestamp: awareDateTimeParam("Filter deliveries after this timestamp."),
    end_timestamp: awareDateTimeParam("Filter deliveries before this timestamp."),
    succeeded: booleanParam("Filter by delivery success status.", undefined),
    query: textParam("Query to filter webhook deliveries."),
    http_code_class: httpCodeClassParam,
    event_type: enumOrListParam(WEBHOOK_EVENT_TYPES, "Filter by webhook event type.", "WebhookEventType"),
  },
});

/** 202 with a JSON `null` body (FastAPI's answer for a handler that returns nothing). */
const accepted = { component: component("RedeliverAccepted", {}), json: {}, serialize: () => null };

export const webhookOperations = [
  operation({
    method: "GET",
    path: "/v1/webhooks/endpoints",
    operationId: "webhooks:list_webhook_endpoints",
    memo: true,
    summary: "List Webhook Endpoints",
    description: "List webhook endpoints.",
    scopes: READ,
    query: endpointListQuery,
    response: { status: 200, body: endpointListResponse },
    examples: { response: exampleEndpointPage },
    handle: async ({ access, query: { filters, limit, offset } }, { webhooks }) => ({
      ...(await webhooks.listEndpoints(access, filters.organization_id, limit, offset)),
      limit,
    }),
  }),
  operation({
    method: "POST",
    path: "/v1/webhooks/endpoints",
    operationId: "webhooks:create_webhook_endpoint",
    summary: "Create Webhook Endpoint",
    description: "Create a webhook endpoint. Its secret signs every delivery (Standard Webhooks).",
    scopes: WRITE,
    body: endpointCreate,
    response: { status: 201, body: endpointResponse },
    examples: { body: exampleEndpointCreateBody, response: exampleEndpoint },
    handle: ({ access, body }, { webhooks }) => webhooks.createEndpoint(access, body),
  }),
  operation({
    method: "GET",
    path: "/v1/webhooks/endpoints/:id",
    operationId: "webhooks:get_webhook_endpoint",
    memo: true,
    summary: "Get Webhook Endpoint",
    description: "Get a webhook endpoint by ID.",
    scopes: READ,
    params: byId,
    response: { status: 200, body: endpointResponse },
    examples: { response: exampleEndpoint },
    errors: [NOT_FOUND],
    handle: ({ access, params }, { webhooks }) => webhooks.getEndpoint(access, params.id),
  }),
  operation({
    method: "PATCH",
    path: "/v1/webhooks/endpoints/:id",
    operationId: "webhooks:update_webhook_endpoint",
    summary: "Update Webhook Endpoint",
    description: "Update a webhook endpoint; keys that are absent or null are left as they are.",
    scopes: WRITE,
    params: byId,
    body: endpointUpdate,
    response: { status: 200, body: endpointResponse },
    examples: { body: exampleEndpointUpdateBody, response: exampleUpdatedEndpoint },
    errors: [NOT_FOUND],
    handle: ({ access, params, body }, { webhooks }) => webhooks.updateEndpoint(access, params.id, body),
  }),
  operation({
    method: "PATCH",
    path: "/v1/webhooks/endpoints/:id/secret",
    operationId: "webhooks:reset_webhook_endpoint_secret",
    summary: "Reset Webhook Endpoint Secret",
    description: "Generate a new secret; every later attempt (retries and redeliveries included) is signed with it.",
    scopes: WRITE,
    params: byId,
    response: { status: 200, body: endpointResponse },
    examples: { response: exampleEndpointWithNewSecret },
    errors: [NOT_FOUND],
    handle: ({ access, params }, { webhooks }) => webhooks.resetSecret(access, params.id),
  }),
  operation({
    method: "DELETE",
    path: "/v1/webhooks/endpoints/:id",
    operationId: "webhooks:delete_webhook_endpoint",
    summary: "Delete Webhook Endpoint",
    description: "Delete a webhook endpoint: no new events are queued for it.",
    scopes: WRITE,
    params: byId,
    response: { status: 204 },
    errors: [NOT_FOUND],
    handle: ({ access, params }, { webhooks }) => webhooks.deleteEndpoint(access, params.id),
  }),
  operation({
    method: "GET",
    path: "/v1/webhooks/deliveries",
    operationId: "webhooks:list_webhook_deliveries",
    memo: true,
    summary: "List Webhook Deliveries",
    description: "List webhook deliveries, newest first: one per HTTP attempt, each with its event.",
    scopes: READ,
    query: deliveryListQuery,
    response: { status: 200, body: deliveryListResponse },
    examples: { response: exampleDeliveryPage },
    handle: async ({ access, query: { filters: f, limit, offset } }, { webhooks }) => ({
      ...(await webhooks.listDeliveries(access, {
        endpointIds: f.endpoint_id,
        after: f.start_timestamp,
        before: f.end_timestamp,
        succeeded: f.succeeded,
        query: f.query,
        httpCodeClass: f.http_code_class,
        eventTypes: f.event_type,
        limit,
        offset,
      })),
      limit,
    }),
  }),
  operation({
    method: "POST",
    path: "/v1/webhooks/events/:id/redeliver",
    operationId: "webhooks:redeliver_webhook_event",
    summary: "Redeliver Webhook Event",
    description: "Send a webhook event once more, with the same webhook-id and body and a fresh signature.",
    scopes: WRITE,
    params: webhookEvent.byId,
    response: { status: 202, body: accepted },
    examples: { response: null },
    errors: [webhookEvent.NOT_FOUND],
    handle: async ({ access, params }, { webhooks }) => {
      await webhooks.redeliver(access, params.id);
      // The body is JSON null; returning it (not nothing) lets the docs publish that example.
      return null;
    },
  }),
];
