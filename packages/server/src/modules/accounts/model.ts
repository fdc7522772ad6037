// Organizations, users, memberships and access tokens: who may call the API.
import type { MemberRole } from "../../platform/auth/principal.js";

export type { MemberRole };

export interface OrganizationRecord {
  id: string;
  name: string;
  slug: string;
  createdAt: Date;
  deletedAt: Date | null;
  /** Polar's `api_access` capability: tokens of an organization without it do not resolve. */
  apiAccess: boolean;
}

export interface UserRecord {
  id: string;
  email: string;
  createdAt: Date;
}

export interface MembershipRecord {
  organizationId: string;
  role: MemberRole;
}

export type TokenKind = "organization" | "personal";

export interface NewAccessToken {
  id: string;
  kind: TokenKind;
  /** SHA-256 hex of the full token string; the token itself is never stored. */
  tokenHash: string;
  /** Set for organization tokens. */
  organizationId: string | null;
  /** Set for personal tokens. */
  userId: string | null;
  scopes: string[];
  expiresAt: Date | null;
  createdAt: Date;
  /** Enough of the token to recognise it (`polar_oat_AbCd`), never enough to use it; null when unknown. */
  hint?: string | null;
}

export interface AccessTokenRecord extends NewAccessToken {
  hint: string | null;
  revokedAt: Date | null;
  /** Approximate: recorded at most once per token per authenticator cache period. */
  lastUsedAt: Date | null;
}

/** Whose tokens `listTokens` returns. */
export type TokenOwner = { organizationId: string } | { userId: string };
