// The products module's contract cases, run by the shared HTTP suite on both backends.
import type { ModuleTests } from "../../../../test/support/contract.js";
import { productCases } from "./http/products.case.js";
import { productListCases } from "./http/list.case.js";
import { productSdkCases } from "./http/officialSdk.case.js";
import { productFuzzCases } from "./http/fuzz.case.js";

export const tests: ModuleTests = {
  http: [productCases, productListCases, productSdkCases, productFuzzCases],
};
