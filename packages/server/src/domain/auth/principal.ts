// Who is calling and what they may reach (contract §2).

import type { MemberRole } from "../../storage/types.js";
import { NotPermitted } from "../errors.js";

export const SCOPES = ["customers:read", "customers:write"] as const;
export type Scope = (typeof SCOPES)[number];

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

/** Read endpoints accept either scope; write endpoints need customers:write. */
export const REQUIRED_SCOPES = {
  read: ["customers:read", "customers:write"],
  write: ["customers:write"],
} as const satisfies Record<string, readonly Scope[]>;

export const hasAnyScope = (principal: Principal, required: readonly string[]) => required.some((s) => principal.scopes.has(s));

const MANAGING_ROLES: ReadonlySet<MemberRole> = new Set(["owner", "admin", "member"]);

/** Role permission `customers:manage`: organization tokens always pass; `finance` members may only read. */
export function assertCanManage(context: AccessContext, organizationId: string): void {
  const { principal } = context;
  if (principal.kind === "organization") return;
  const role = principal.roles.get(organizationId);
  if (role === undefined || !MANAGING_ROLES.has(role)) throw new NotPermitted();
}
