// The two customer-state endpoints. They live after subscriptions and grants
// in the module order because state reads both; paths, scopes and errors are
// the customers module's own.
import { resourceScopes } from "../../platform/auth/scopes.js";
import { operationsFor } from "../../platform/http/operation.js";
import { CUSTOMER_AMBIGUOUS, CUSTOMER_NOT_FOUND, customerByExternalId, customerById, exampleCustomer } from "../customers/index.js";
import { customerStateResponse } from "./responses.js";
import type { StateService } from "./service.js";

export interface StateServices {
  state: StateService;
}

const operation = operationsFor<StateServices>();
const { read: READ } = resourceScopes("customers");
const example = { customer: exampleCustomer, subscriptions: [], grants: [], meters: [] };

export const stateOperations = [
  operation({
    method: "GET",
    path: "/v1/customers/external/:external_id/state",
    operationId: "customers:get_state_external",
    memo: true,
    summary: "Get Customer State by External ID",
    description: "Get a customer state by external ID: active subscriptions, granted benefits and active meters.",
    scopes: READ,
    params: customerByExternalId,
    response: { status: 200, body: customerStateResponse },
    errors: [CUSTOMER_NOT_FOUND, CUSTOMER_AMBIGUOUS],
    examples: { response: example },
    handle: ({ access, params }, { state }) => state.getByExternalId(access, params.external_id),
  }),
  operation({
    method: "GET",
    path: "/v1/customers/:id/state",
    operationId: "customers:get_state",
    memo: true,
    summary: "Get Customer State",
    description: "Get a customer state: active subscriptions, granted benefits and active meters.",
    scopes: READ,
    params: customerById,
    response: { status: 200, body: customerStateResponse },
    errors: [CUSTOMER_NOT_FOUND],
    examples: { response: example },
    handle: ({ access, params }, { state }) => state.get(access, params.id),
  }),
];
