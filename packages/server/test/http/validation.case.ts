import type { GetServer } from "./contract.case.js";

export function validationCases(_get: GetServer): void {}
