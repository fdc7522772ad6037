import type { GetServer } from "./contract.case.js";

export function officialSdkCases(_get: GetServer): void {}
