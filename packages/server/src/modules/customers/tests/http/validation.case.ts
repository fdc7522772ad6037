// Every validation rule of the customers endpoints over HTTP, with
// the exact 422 bodies. The rules are grouped in the files imported below.

import type { GetServer } from "../../../../../test/support/contract.js";
import { createValidationCases } from "./validation-create.case.js";
import { fieldValidationCases } from "./validation-fields.case.js";
import { metadataValidationCases } from "./validation-metadata.case.js";
import { requestValidationCases } from "./validation-request.case.js";
import { updateValidationCases } from "./validation-update.case.js";

export function validationCases(get: GetServer): void {
  fieldValidationCases(get);
  metadataValidationCases(get);
  createValidationCases(get);
  updateValidationCases(get);
  requestValidationCases(get);
}
