import type { GetServer } from "./contract.case.js";

export function transportCases(_get: GetServer): void {}
