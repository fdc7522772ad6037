// What the accounts module needs from a database; it is also the credential
// source the platform's authenticator resolves tokens with.
import type { CredentialSource } from "../../platform/auth/authenticate.js";
import type {
  AccessTokenRecord,
  MemberRole,
  MembershipRecord,
  NewAccessToken,
  OrganizationRecord,
  TokenOwner,
  UserRecord,
} from "./model.js";

export interface AccountStore extends CredentialSource {
  /** `apiAccess` defaults to true and `deletedAt` to null (optional so seeds/tests can create such organizations). */
  createOrganization(
    org: Omit<OrganizationRecord, "deletedAt" | "apiAccess"> & Partial<Pick<OrganizationRecord, "deletedAt" | "apiAccess">>,
  ): Promise<OrganizationRecord>;
  getOrganization(id: string): Promise<OrganizationRecord | undefined>;
  /** Deleted ones too (slugs stay taken). */
  findOrganizationBySlug(slug: string): Promise<OrganizationRecord | undefined>;
  countOrganizations(): Promise<number>;
  /** Organizations that are not deleted, oldest first. */
  listOrganizations(): Promise<OrganizationRecord[]>;
  /** Soft delete: its tokens stop resolving. False when there is no such live organization. */
  deleteOrganization(id: string, at: Date): Promise<boolean>;
  createUser(user: UserRecord): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | undefined>;
  /** Case-insensitive. */
  findUserByEmail(email: string): Promise<UserRecord | undefined>;
  /** Oldest first. */
  listUsers(): Promise<UserRecord[]>;
  /** Adds or re-activates a membership; an existing one gets the new role. */
  addMember(organizationId: string, userId: string, role: MemberRole): Promise<void>;
  /** Active memberships of the user in organizations that are not deleted and have API access. */
  listMemberships(userId: string): Promise<MembershipRecord[]>;
  /** Ends an active membership; false when the user is not an active member. */
  removeMember(organizationId: string, userId: string, at: Date): Promise<boolean>;
  /** `revokedAt` defaults to null (optional so seeds/tests can create revoked tokens). */
  createToken(token: NewAccessToken & Partial<Pick<AccessTokenRecord, "revokedAt">>): Promise<AccessTokenRecord>;
  /** Returns expired and revoked tokens too: the authenticator decides what they mean. */
  findTokenByHash(tokenHash: string): Promise<AccessTokenRecord | undefined>;
  getToken(id: string): Promise<AccessTokenRecord | undefined>;
  /** Every token of the organization or user (revoked and expired ones too), oldest first. */
  listTokens(owner: TokenOwner): Promise<AccessTokenRecord[]>;
  /** Sets `revokedAt` unless already set; returns the token as stored afterwards (undefined when there is none). */
  revokeToken(id: string, at: Date): Promise<AccessTokenRecord | undefined>;
  /** Moves `lastUsedAt` forward to `at` (never back). */
  recordTokenUse(tokenHash: string, at: Date): Promise<void>;
}
