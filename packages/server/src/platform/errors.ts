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

/** Why the database cannot serve a request right now; each passes without a code change. */
export type UnavailableReason = "busy" | "full" | "unreachable";

/**
 * The database cannot be used right now (unreachable, another writer holds the
 * lock past the deadline, out of disk space). Nothing was written; the client
 * should retry later. Raised by the storage layer from driver errors.
 */
export class StorageUnavailable extends Error {
  constructor(
    readonly reason: UnavailableReason,
    options?: { cause?: unknown },
  ) {
    super(`storage unavailable (${reason})`, options);
    this.name = "StorageUnavailable";
  }
}
