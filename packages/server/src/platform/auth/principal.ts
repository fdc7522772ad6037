// Who is calling and what they may reach.

import type { Scope } from "./scopes.js";

export type MemberRole = "owner" | "admin" | "member" | "finance";

export type Principal =
  | { kind: "organization"; organizationId: string; scopes: ReadonlySet<string> }
  | { kind: "user"; userId: string; scopes: ReadonlySet<string>; roles: ReadonlyMap<string, MemberRole> };

/** A principal plus the organizations this request can see (after any Polar-Organization narrowing). */
export interface AccessContext {
  principal: Principal;
  organizationIds: readonly string[];
  /** Set when the request narrowed a user to one organization (Polar-Organization header). */
  narrowedTo: string | null;
}

const unnarrowed = new WeakMap<Principal, AccessContext>();

export function accessContext(principal: Principal, narrowTo: string | null): AccessContext {
  if (narrowTo === null) {
    // Principals are cached by the authenticator, so most requests reuse one context object.
    let context = unnarrowed.get(principal);
    if (context === undefined) {
      context = { principal, organizationIds: organizationsOf(principal), narrowedTo: null };
      unnarrowed.set(principal, context);
    }
    return context;
  }
  return { principal, organizationIds: organizationsOf(principal).filter((id) => id === narrowTo), narrowedTo: narrowTo };
}

const organizationsOf = (principal: Principal): readonly string[] =>
  principal.kind === "organization" ? [principal.organizationId] : [...principal.roles.keys()];

export const hasAnyScope = (principal: Principal, accepted: readonly Scope[]) => accepted.some((s) => principal.scopes.has(s));

/**
 * A role permission check for user tokens (organization tokens always pass):
 * the caller's role in `organizationId` must be one of `roles`, else `refuse()` is thrown.
 */
export function assertRole(context: AccessContext, organizationId: string, roles: ReadonlySet<MemberRole>, refuse: () => Error): void {
  const { principal } = context;
  if (principal.kind === "organization") return;
  const role = principal.roles.get(organizationId);
  if (role === undefined || !roles.has(role)) throw refuse();
}
