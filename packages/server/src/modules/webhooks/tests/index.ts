// The webhooks module's contract cases: HTTP cases on the shared server of
// each backend; process-level cases (restart after kill -9, two instances on
// one database) as storage cases, which get a fresh database of each backend.
import type { ModuleTests } from "../../../../test/support/contract.js";
import { endpointCases } from "./http/endpoints.case.js";
import { deliveryCases } from "./http/delivery.case.js";
import { adapterCases } from "./http/adapter.case.js";
import { webhookFuzzCases } from "./http/fuzz.case.js";
import { catalogEventCases } from "./http/catalog.case.js";
import { webhookSdkCases } from "./http/officialSdk.case.js";
import { durabilityCases } from "./storage/durability.case.js";
import { deferredCases } from "./storage/deferred.case.js";

export const tests: ModuleTests = {
  http: [endpointCases, webhookSdkCases, deliveryCases, catalogEventCases, adapterCases, webhookFuzzCases],
  storage: [durabilityCases, deferredCases],
};
