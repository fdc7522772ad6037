import type { GetServer } from "./contract.case.js";

export function authCases(_get: GetServer): void {}
