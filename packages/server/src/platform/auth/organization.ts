// Which organization a create body targets, and who may manage an
// organization's catalog. Shared by every module whose create bodies carry
// `organization_id` (the rules are the same for all of them).

import { NotPermitted, ValidationFailed } from "../errors.js";
import { issue } from "../schema/issues.js";
import { assertRole, type AccessContext, type MemberRole } from "./principal.js";

const fail = (type: string, msg: string, input: unknown): never => {
  throw new ValidationFailed([issue(type, ["body", "organization_id"], msg, input)]);
};

/**
 * An organization token creates in its own organization and may not name one;
 * a user names one of its organizations (or is narrowed to exactly one).
 */
export function targetOrganization(context: AccessContext, requested: string | null): string {
  const { principal } = context;
  if (principal.kind === "organization") {
    if (requested !== null)
      fail("organization_token", "Setting organization_id is disallowed when using an organization token.", requested);
    if (!context.organizationIds.includes(principal.organizationId)) fail("value_error", "Organization not found.", context.narrowedTo);
    return principal.organizationId;
  }
  if (requested === null) {
    if (context.narrowedTo !== null && context.organizationIds.length === 1) return context.organizationIds[0];
    return fail("missing", "organization_id is required.", null);
  }
  if (!context.organizationIds.includes(requested)) fail("value_error", "Organization not found.", requested);
  return requested;
}

/** Roles holding Polar's `*:manage` permissions (products, customers, sales): every role but `finance`. */
const MANAGING_ROLES: ReadonlySet<MemberRole> = new Set(["owner", "admin", "member"]);

/** User tokens need a managing role in the organization; organization tokens always pass. */
export function assertCanManage(context: AccessContext, organizationId: string, what: string): void {
  assertRole(context, organizationId, MANAGING_ROLES, () => new NotPermitted(`You don't have permission to manage ${what}`));
}

/** The organizations a list may read: the caller's, narrowed by any `organization_id` filter. */
export function readableOrganizations(context: AccessContext, requested: readonly string[] | undefined): readonly string[] {
  return requested ? context.organizationIds.filter((id) => requested.includes(id)) : context.organizationIds;
}
