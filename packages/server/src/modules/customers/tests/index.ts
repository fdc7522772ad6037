// The customers module's contract cases, run by the shared storage and HTTP
// suites on both backends (test/storage, test/http).
import type { ModuleTests } from "../../../../test/support/contract.js";
import { authCases } from "./http/auth.case.js";
import { concurrencyCases } from "./http/concurrency.case.js";
import { crudCases } from "./http/crud.case.js";
import { fuzzCases } from "./http/fuzz.case.js";
import { listCases as httpListCases } from "./http/list.case.js";
import { officialSdkCases } from "./http/officialSdk.case.js";
import { requestBodyCases } from "./http/request-bodies.case.js";
import { transportCases } from "./http/transport.case.js";
import { validationCases } from "./http/validation.case.js";
import { customerCases } from "./storage/customers.case.js";
import { listCases as storageListCases } from "./storage/list.case.js";
import { migrationCases } from "./storage/migrations.case.js";
import { planCases } from "./storage/plans.case.js";
import { searchCases } from "./storage/search.case.js";
import { uniquenessCases } from "./storage/uniqueness.case.js";

export const tests: ModuleTests = {
  storage: [customerCases, uniquenessCases, storageListCases, searchCases, migrationCases, planCases],
  http: [
    transportCases,
    authCases,
    crudCases,
    validationCases,
    requestBodyCases,
    httpListCases,
    officialSdkCases,
    concurrencyCases,
    fuzzCases,
  ],
};
