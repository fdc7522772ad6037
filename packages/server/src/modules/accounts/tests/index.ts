// The accounts module's contract cases (its store, on both backends).
import type { ModuleTests } from "../../../../test/support/contract.js";
import { authCases } from "./storage.case.js";

export const tests: ModuleTests = { storage: [authCases] };
