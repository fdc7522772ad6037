import type { GetServer } from "./contract.case.js";

export function concurrencyCases(_get: GetServer): void {}
