// What the accounts module needs from a database; it is also the credential
// source the platform's authenticator resolves tokens with.
import type { CredentialSource } from "../../platform/auth/authenticate.js";
import type { AccessTokenRecord, MemberRole, MembershipRecord, NewAccessToken, OrganizationRecord, UserRecord } from "./model.js";

export interface AccountStore extends CredentialSource {
  /** `apiAccess` defaults to true and `deletedAt` to null (optional so seeds/tests can create such organizations). */
  createOrganization(
    org: Omit<OrganizationRecord, "deletedAt" | "apiAccess"> & Partial<Pick<OrganizationRecord, "deletedAt" | "apiAccess">>,
  ): Promise<OrganizationRecord>;
  getOrganization(id: string): Promise<OrganizationRecord | undefined>;
  countOrganizations(): Promise<number>;
  createUser(user: UserRecord): Promise<UserRecord>;
  getUser(id: string): Promise<UserRecord | undefined>;
  /** Case-insensitive. */
  findUserByEmail(email: string): Promise<UserRecord | undefined>;
  /** Adds or re-activates a membership; an existing one gets the new role. */
  addMember(organizationId: string, userId: string, role: MemberRole): Promise<void>;
  /** Active memberships of the user in organizations that are not deleted and have API access. */
  listMemberships(userId: string): Promise<MembershipRecord[]>;
  /** `revokedAt` defaults to null (optional so seeds/tests can create revoked tokens). */
  createToken(token: NewAccessToken & Partial<Pick<AccessTokenRecord, "revokedAt">>): Promise<AccessTokenRecord>;
  /** Returns expired and revoked tokens too: the authenticator decides what they mean. */
  findTokenByHash(tokenHash: string): Promise<AccessTokenRecord | undefined>;
}
