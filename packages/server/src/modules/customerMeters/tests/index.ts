// The customer-meters module's contract cases, run by the shared suites on both backends.
import type { ModuleTests } from "../../../../test/support/contract.js";
import { customerMeterCases } from "./http/customerMeters.case.js";
import { customerMeterFuzzCases } from "./http/fuzz.case.js";
import { customerMeterSdkCases } from "./http/officialSdk.case.js";
import { ledgerCases } from "./storage/ledger.case.js";

export const tests: ModuleTests = {
  storage: [ledgerCases],
  http: [customerMeterCases, customerMeterSdkCases, customerMeterFuzzCases],
};
