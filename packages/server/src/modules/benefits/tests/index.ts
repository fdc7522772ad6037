// The benefits module's contract cases, run by the shared HTTP suite on both backends.
import type { ModuleTests } from "../../../../test/support/contract.js";
import { benefitCases } from "./http/benefits.case.js";
import { benefitSdkCases } from "./http/officialSdk.case.js";
import { benefitFuzzCases } from "./http/fuzz.case.js";

export const tests: ModuleTests = {
  http: [benefitCases, benefitSdkCases, benefitFuzzCases],
};
