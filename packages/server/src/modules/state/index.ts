// The customer-state module: GET /v1/customers/{id}/state and
// /v1/customers/external/{external_id}/state, computed from subscriptions,
// grants and (through the usage port) customer meters. It owns no tables.
import { defineModule } from "../../platform/module.js";
import { stateOperations } from "./operations.js";
import { customerStateResponse } from "./responses.js";
import { StateService, type StateDeps } from "./service.js";

export const stateModule = defineModule({
  name: "state",
  migrations: { sqlite: {}, postgres: {} },
  store: () => ({}),
  services: (deps: StateDeps) => ({ state: new StateService(deps) }),
  operations: stateOperations,
  // customer.state_changed carries the state as it is when the webhook is sent (a deleted customer's last, empty one).
  deferredEvents: (deps: StateDeps) => ({
    "customer.state_changed": async (_organizationId: string, customerId: string) => {
      const [customer] = await deps.customers.findManyIncludingDeleted([customerId]);
      return customer === undefined ? undefined : customerStateResponse.serialize(await new StateService(deps).stateOf(customer));
    },
  }),
});

export { customerStateResponse, type CustomerStateView } from "./responses.js";
