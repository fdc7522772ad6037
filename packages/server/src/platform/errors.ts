// Failures every module raises. The HTTP error registry (http/errors.ts) maps
// each class to Polar's status, body and OpenAPI response; nothing below the
// HTTP layer knows about status codes.

import type { Issue } from "./schema/issues.js";

export class ResourceNotFound extends Error {
  constructor() {
    super("Not found");
    this.name = "ResourceNotFound";
  }
}

export class NotPermitted extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotPermitted";
  }
}

/** Where Polar itself would fail with a 500 (ambiguous external id across organizations), we say so clearly. */
export class Conflict extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Conflict";
  }
}

/** 422: `RequestValidationError` for schema problems, `PolarRequestValidationError` for business rules. */
export class ValidationFailed extends Error {
  constructor(
    readonly issues: Issue[],
    readonly kind: "RequestValidationError" | "PolarRequestValidationError" = "PolarRequestValidationError",
  ) {
    super(kind);
    this.name = "ValidationFailed";
  }
}
