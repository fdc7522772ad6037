// The body of POST /v1/_test/clock/advance and the CLI's --to/--by: exactly
// one of an absolute time (ISO 8601 with a zone) or a duration (31d, 12h…).
import { parseDuration } from "../../platform/auth/tokens.js";
import { ValidationFailed } from "../../platform/errors.js";
import { issue } from "../../platform/schema/issues.js";

export type ClockTarget = { to: Date } | { byMs: number };

export interface AdvanceBody {
  target: ClockTarget;
  organizationId: string | null;
}

// A zone is required: a naive time would depend on the machine's time zone.
const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

export const TIME_HELP = "an ISO 8601 date-time with a time zone, e.g. 2027-01-01T00:00:00Z";
export const DURATION_HELP = "a duration such as 31d, 12h, 90m or 2w";

/** A date-time with a zone, or null. */
export function parseTime(text: string): Date | null {
  if (!ISO_WITH_ZONE.test(text.trim())) return null;
  const ms = Date.parse(text.trim());
  return Number.isFinite(ms) ? new Date(ms) : null;
}

const invalid = (loc: (string | number)[], msg: string, input: unknown): never => {
  throw new ValidationFailed([issue("value_error", loc, `Value error, ${msg}`, input)]);
};

export function parseAdvanceBody(body: unknown): AdvanceBody {
  if (body === null || typeof body !== "object" || Array.isArray(body))
    throw new ValidationFailed([
      issue("model_attributes_type", ["body"], "Input should be a valid dictionary or object to extract fields from", body),
    ]);
  const { to, by, organization_id: organizationId = null } = body as Record<string, unknown>;
  if (organizationId !== null && typeof organizationId !== "string")
    invalid(["body", "organization_id"], "expected an organization id", organizationId);
  if ((to === undefined) === (by === undefined))
    invalid(["body"], `give exactly one of 'to' (${TIME_HELP}) or 'by' (${DURATION_HELP})`, body);
  if (to !== undefined) {
    const time = typeof to === "string" ? parseTime(to) : null;
    return {
      target: { to: time ?? invalid(["body", "to"], `expected ${TIME_HELP}`, to) },
      organizationId: organizationId as string | null,
    };
  }
  const ms = typeof by === "string" ? parseDuration(by) : null;
  return {
    target: { byMs: ms ?? invalid(["body", "by"], `expected ${DURATION_HELP}`, by) },
    organizationId: organizationId as string | null,
  };
}
