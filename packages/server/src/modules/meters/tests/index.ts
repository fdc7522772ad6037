// The meters module's contract cases, run by the shared HTTP suite on both backends.
import type { ModuleTests } from "../../../../test/support/contract.js";
import { meterCases } from "./http/meters.case.js";
import { meterFuzzCases } from "./http/fuzz.case.js";
import { meterSdkCases } from "./http/officialSdk.case.js";

export const tests: ModuleTests = {
  http: [meterCases, meterSdkCases, meterFuzzCases],
};
