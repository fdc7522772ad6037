// The subscriptions module's contract cases (grants and customer state included),
// run by the shared suites on both backends.
import type { ModuleTests } from "../../../../test/support/contract.js";
import { subscriptionLifecycleCases } from "./http/lifecycle.case.js";
import { subscriptionErrorCases } from "./http/errors.case.js";
import { subscriptionFuzzCases } from "./http/fuzz.case.js";
import { subscriptionSdkCases } from "./http/officialSdk.case.js";
import { subscriptionConcurrencyCases } from "./storage/concurrency.case.js";
import { subscriptionMigrationCases } from "./storage/migrations.case.js";

export const tests: ModuleTests = {
  storage: [subscriptionConcurrencyCases, subscriptionMigrationCases],
  http: [subscriptionLifecycleCases, subscriptionErrorCases, subscriptionFuzzCases, subscriptionSdkCases],
};
