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

/**
 * One of Polar's named errors with a fixed status: the body is
 * `{"error": <name>, "detail": <message>}`. Each subclass is listed in the
 * HTTP error registry, which documents it.
 */
export abstract class PolarError extends Error {
  abstract readonly status: number;
  constructor(
    readonly errorName: string,
    detail: string,
  ) {
    super(detail);
    this.name = errorName;
  }
}

export class AlreadyCanceledSubscription extends PolarError {
  readonly status = 403;
  constructor() {
    super("AlreadyCanceledSubscription", "This subscription is already canceled or will be at the end of the period.");
  }
}

export class InactiveSubscription extends PolarError {
  readonly status = 403;
  constructor(id: string) {
    super("InactiveSubscription", `Subscription ${id} is not active.`);
  }
}

/** Polar's generic 410. */
export class ResourceUnavailable extends PolarError {
  readonly status = 410;
  constructor() {
    super("ResourceUnavailable", "Unavailable");
  }
}

/** Polar's generic 400. */
export class BadRequest extends PolarError {
  readonly status = 400;
  constructor(detail = "Bad request") {
    super("BadRequest", detail);
  }
}

export class NotASeatBasedSubscription extends PolarError {
  readonly status = 400;
  constructor() {
    super("NotASeatBasedSubscription", "This subscription does not support seat-based pricing.");
  }
}

export class NotAUnitBasedSubscription extends PolarError {
  readonly status = 400;
  constructor() {
    super("NotAUnitBasedSubscription", "This subscription does not support unit-based pricing.");
  }
}

export class CannotPauseSubscription extends PolarError {
  readonly status = 409;
  constructor() {
    super("CannotPauseSubscription", "This subscription cannot be paused.");
  }
}

export class NoScheduledPause extends PolarError {
  readonly status = 409;
  constructor() {
    super("NoScheduledPause", "This subscription is not scheduled to be paused.");
  }
}

export class NotPausedSubscription extends PolarError {
  readonly status = 409;
  constructor() {
    super("NotPausedSubscription", "This subscription is not paused.");
  }
}
