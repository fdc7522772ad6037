// The customer-state module: GET /v1/customers/{id}/state and
// /v1/customers/external/{external_id}/state, computed from subscriptions,
// grants and (through the usage port) customer meters. It owns no tables.
import { defineModule } from "../../platform/module.js";
import { stateOperations } from "./operations.js";
import { StateService, type StateDeps } from "./service.js";

export const stateModule = defineModule({
  name: "state",
  migrations: { sqlite: {}, postgres: {} },
  store: () => ({}),
  services: (deps: StateDeps) => ({ state: new StateService(deps) }),
  operations: stateOperations,
});

export { customerStateResponse, type CustomerStateView } from "./responses.js";
