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

/** What one named Polar error is: its wire name and status, its message, and what the operation docs say of it. */
export interface PolarErrorSpec<Args extends unknown[]> {
  name: string;
  status: number;
  detail: (...args: Args) => string;
  /** The message in the published example (for messages with a variable part). */
  example?: string;
  description: string;
}

/** A named Polar error class, carrying its spec so that the HTTP error registry documents it from the same definition. */
export interface PolarErrorClass<Args extends unknown[] = []> {
  new (...args: Args): PolarError;
  readonly spec: PolarErrorSpec<Args> & { example: string };
}

/** Defines a named Polar error once: the class services throw, and what the registry answers and documents for it. */
export function polarError<Args extends unknown[] = []>(spec: PolarErrorSpec<Args>): PolarErrorClass<Args> {
  const named = class extends PolarError {
    readonly status = spec.status;
    static readonly spec = { ...spec, example: spec.example ?? (spec.detail as (...args: unknown[]) => string)() };
    constructor(...args: Args) {
      super(spec.name, spec.detail(...args));
    }
  };
  Object.defineProperty(named, "name", { value: spec.name });
  return named;
}

export const AlreadyCanceledSubscription = polarError({
  name: "AlreadyCanceledSubscription",
  status: 403,
  detail: () => "This subscription is already canceled or will be at the end of the period.",
  description: "The subscription is already canceled or will be at the end of the period.",
});

export const InactiveSubscription = polarError<[id: string]>({
  name: "InactiveSubscription",
  status: 403,
  detail: (id) => `Subscription ${id} is not active.`,
  example: "Subscription <id> is not active.",
  description: "The subscription is not active.",
});

/** Polar's generic 410. */
export const ResourceUnavailable = polarError({
  name: "ResourceUnavailable",
  status: 410,
  detail: () => "Unavailable",
  description: "The subscription has already ended.",
});

/** Polar's generic 400. */
export const BadRequest = polarError<[detail?: string]>({
  name: "BadRequest",
  status: 400,
  detail: (detail = "Bad request") => detail,
  description: "The subscription is not in a state that allows this change.",
});

export const NotASeatBasedSubscription = polarError({
  name: "NotASeatBasedSubscription",
  status: 400,
  detail: () => "This subscription does not support seat-based pricing.",
  description: "The subscription has no seat-based price.",
});

export const NotAUnitBasedSubscription = polarError({
  name: "NotAUnitBasedSubscription",
  status: 400,
  detail: () => "This subscription does not support unit-based pricing.",
  description: "The subscription has no unit-based price.",
});

export const CannotPauseSubscription = polarError({
  name: "CannotPauseSubscription",
  status: 409,
  detail: () => "This subscription cannot be paused.",
  description: "The subscription cannot be paused.",
});

export const NoScheduledPause = polarError({
  name: "NoScheduledPause",
  status: 409,
  detail: () => "This subscription is not scheduled to be paused.",
  description: "The subscription is not scheduled to be paused.",
});

export const NotPausedSubscription = polarError({
  name: "NotPausedSubscription",
  status: 409,
  detail: () => "This subscription is not paused.",
  description: "The subscription is not paused.",
});
