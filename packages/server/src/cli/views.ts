// What the CLI prints about accounts: plain JSON with Polar-style snake_case
// keys and ISO times. Never a token's secret or hash.
import type { AccessTokenRecord, OrganizationRecord, UserRecord } from "../modules/accounts/index.js";

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

export const organizationView = (org: OrganizationRecord) => ({
  id: org.id,
  name: org.name,
  slug: org.slug,
  created_at: iso(org.createdAt),
});

export const userView = (user: UserRecord) => ({ id: user.id, email: user.email, created_at: iso(user.createdAt) });

export function tokenStatus(token: AccessTokenRecord, now: Date): "active" | "revoked" | "expired" {
  if (token.revokedAt !== null) return "revoked";
  if (token.expiresAt !== null && token.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

export const tokenView = (token: AccessTokenRecord, now = new Date()) => ({
  id: token.id,
  kind: token.kind,
  /** Tokens issued before hints were stored show only their kind's prefix. */
  prefix: `${token.hint ?? (token.kind === "organization" ? "polar_oat_" : "polar_pat_")}…`,
  ...(token.kind === "organization" ? { organization_id: token.organizationId } : { user_id: token.userId }),
  scopes: token.scopes,
  status: tokenStatus(token, now),
  created_at: iso(token.createdAt),
  expires_at: iso(token.expiresAt),
  last_used_at: iso(token.lastUsedAt),
  revoked_at: iso(token.revokedAt),
});
