// The events module's contract cases, run by the shared suites on both backends.
import type { ModuleTests } from "../../../../test/support/contract.js";
import { eventFuzzCases } from "./http/fuzz.case.js";
import { ingestCases } from "./http/ingest.case.js";

export const tests: ModuleTests = {
  http: [ingestCases, eventFuzzCases],
};
