// The subscriptions endpoints, each defined once.
import { byIdOf } from "../../platform/http/by-id.js";
import {
  AlreadyCanceledSubscription,
  BadRequest,
  CannotPauseSubscription,
  InactiveSubscription,
  NotASeatBasedSubscription,
  ResourceUnavailable,
} from "../../platform/errors.js";
import { resourceScopes } from "../../platform/auth/scopes.js";
import { operationsFor } from "../../platform/http/operation.js";
import { dateTimeParam } from "../../platform/schema/datetime-naive.js";
import { listQuery } from "../../platform/schema/list-query.js";
import { booleanParam, enumOrListParam, metadataParam, textListParam, uuidListParam } from "../../platform/schema/query.js";
import {
  exampleCanceledSubscription,
  exampleRevokedSubscription,
  exampleSubscription,
  exampleSubscriptionCreateBody,
  exampleSubscriptionPage,
  exampleSubscriptionUpdateBody,
} from "./examples.js";
import { CANCELLATION_REASONS, SUBSCRIPTION_STATUSES } from "./model.js";
import { subscriptionCreate, subscriptionUpdate } from "./requests.js";
import { subscriptionListResponse, subscriptionResponse } from "./responses.js";
import type { SubscriptionService } from "./service.js";
import type { SubscriptionSortField } from "./store.js";

export interface SubscriptionServices {
  subscriptions: SubscriptionService;
}

const operation = operationsFor<SubscriptionServices>();
const { read: READ, write: WRITE } = resourceScopes("subscriptions");
const { byId, NOT_FOUND } = byIdOf("subscription");

const subscriptionListQuery = listQuery({
  sortFields: [
    "customer",
    "status",
    "started_at",
    "current_period_end",
    "ended_at",
    "ends_at",
    "amount",
    "product",
    "discount",
  ] satisfies SubscriptionSortField[],
  defaultSorting: [{ field: "started_at", descending: true }],
  filters: {
    organization_id: uuidListParam("Filter by organization ID (repeatable)."),
    product_id: uuidListParam("Filter by product ID (repeatable)."),
    customer_id: uuidListParam("Filter by customer ID (repeatable)."),
    external_customer_id: textListParam("Filter by customer external ID (repeatable)."),
    discount_id: uuidListParam("Filter by discount ID (repeatable)."),
    status: enumOrListParam(SUBSCRIPTION_STATUSES, "Filter by status (repeatable).", "SubscriptionStatus"),
    customer_cancellation_reason: enumOrListParam(
      CANCELLATION_REASONS,
      "Filter by cancellation reason (repeatable).",
      "CustomerCancellationReason",
    ),
    active: booleanParam("Deprecated: true = trialing or active, false = canceled or unpaid.", undefined),
    cancel_at_period_end: booleanParam("Filter by whether the subscription ends at the end of its period.", undefined),
    canceled_at_after: dateTimeParam("Canceled at or after this date-time."),
    canceled_at_before: dateTimeParam("Canceled at or before this date-time."),
    started_after: dateTimeParam("Started after this date-time."),
    started_before: dateTimeParam("Started before this date-time."),
    metadata: metadataParam("Filter by metadata key-value pairs, e.g. `metadata[plan]=pro`."),
  },
});

export const subscriptionOperations = [
  operation({
    method: "GET",
    path: "/v1/subscriptions/",
    operationId: "subscriptions:list",
    memo: true,
    summary: "List Subscriptions",
    description: "List subscriptions.",
    scopes: READ,
    query: subscriptionListQuery,
    response: { status: 200, body: subscriptionListResponse },
    examples: { response: exampleSubscriptionPage },
    handle: async ({ access, query: { filters: f, sorting, limit, offset } }, { subscriptions }) => {
      const page = await subscriptions.list(access, {
        organizationIds: f.organization_id,
        productIds: f.product_id,
        customerIds: f.customer_id,
        externalCustomerIds: f.external_customer_id,
        discountIds: f.discount_id,
        statuses: f.status,
        cancellationReasons: f.customer_cancellation_reason,
        active: f.active,
        cancelAtPeriodEnd: f.cancel_at_period_end,
        canceledAtAfter: f.canceled_at_after,
        canceledAtBefore: f.canceled_at_before,
        startedAfter: f.started_after,
        startedBefore: f.started_before,
        metadata: f.metadata,
        sorting,
        limit,
        offset,
      });
      return { ...page, limit };
    },
  }),
  operation({
    method: "POST",
    path: "/v1/subscriptions/",
    operationId: "subscriptions:create",
    summary: "Create Subscription",
    description: "Create a subscription to a free recurring product, for a customer by ID or external ID.",
    scopes: WRITE,
    body: subscriptionCreate,
    response: { status: 201, body: subscriptionResponse },
    examples: { body: exampleSubscriptionCreateBody, response: exampleSubscription },
    handle: async ({ access, body }, { subscriptions }) => subscriptions.view(await subscriptions.create(access, body)),
  }),
  operation({
    method: "GET",
    path: "/v1/subscriptions/:id",
    operationId: "subscriptions:get",
    memo: true,
    summary: "Get Subscription",
    description: "Get a subscription by ID.",
    scopes: READ,
    params: byId,
    response: { status: 200, body: subscriptionResponse },
    examples: { response: exampleSubscription },
    errors: [NOT_FOUND],
    handle: async ({ access, params }, { subscriptions }) => subscriptions.view(await subscriptions.get(access, params.id)),
  }),
  operation({
    method: "PATCH",
    path: "/v1/subscriptions/:id",
    operationId: "subscriptions:update",
    summary: "Update Subscription",
    description: "Update a subscription: cancel or uncancel at period end, revoke, change metadata, product or trial.",
    scopes: WRITE,
    params: byId,
    body: subscriptionUpdate,
    response: { status: 200, body: subscriptionResponse },
    examples: { body: exampleSubscriptionUpdateBody, response: exampleCanceledSubscription },
    errors: [
      NOT_FOUND,
      AlreadyCanceledSubscription,
      InactiveSubscription,
      ResourceUnavailable,
      BadRequest,
      NotASeatBasedSubscription,
      CannotPauseSubscription,
    ],
    handle: async ({ access, params, body }, { subscriptions }) => subscriptions.view(await subscriptions.update(access, params.id, body)),
  }),
  operation({
    method: "DELETE",
    path: "/v1/subscriptions/:id",
    operationId: "subscriptions:revoke",
    summary: "Revoke Subscription",
    description: "Revoke a subscription: it ends now and its benefits are revoked.",
    scopes: WRITE,
    params: byId,
    response: { status: 200, body: subscriptionResponse },
    examples: { response: exampleRevokedSubscription },
    errors: [NOT_FOUND, AlreadyCanceledSubscription],
    handle: async ({ access, params }, { subscriptions }) => subscriptions.view(await subscriptions.revoke(access, params.id)),
  }),
];
