import type { GetServer } from "./contract.case.js";

export function fuzzCases(_get: GetServer): void {}
