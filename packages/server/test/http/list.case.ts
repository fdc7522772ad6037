import type { GetServer } from "./contract.case.js";

export function listCases(_get: GetServer): void {}
