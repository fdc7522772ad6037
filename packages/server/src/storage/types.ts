// The storage seam. Everything the domain needs from a database goes through
// this interface; the SQLite and PostgreSQL backends implement it and both run
// the same contract suite (test/storage/contract.case.ts).
//
// Rules every backend follows:
// - Times are `Date` objects (millisecond precision) in and out.
// - "Live" customers are those with `deletedAt === null`; every finder below
//   only returns live customers.
// - Uniqueness of email (case-insensitive, via `emailKey`) and external id
//   among the live customers of one organization is enforced by the database
//   (partial unique indexes). A violation throws `UniqueViolationError`, never
//   a driver error, and leaves nothing written.

import type { JsonFloat } from "../schema/floats.js";

export type CustomerType = "individual" | "team";
/**
 * JsonFloat: a number the client wrote as a float (`1.0`), kept a float as Polar does. Stored
 * metadata always reads back with floats as JsonFloat and integers as numbers.
 */
export type MetadataValue = string | number | boolean | JsonFloat;
export type Metadata = Record<string, MetadataValue>;

export interface Address {
  line1: string | null;
  line2: string | null;
  postalCode: string | null;
  city: string | null;
  state: string | null;
  country: string;
}

export interface CustomerRecord {
  id: string;
  organizationId: string;
  createdAt: Date;
  modifiedAt: Date | null;
  deletedAt: Date | null;
  email: string | null;
  emailVerified: boolean;
  type: CustomerType;
  name: string | null;
  /** Explicitly stored billing name (set by checkout flows); null means "fall back to name". */
  billingName: string | null;
  billingAddress: Address | null;
  taxId: [value: string, format: string] | null;
  locale: string | null;
  externalId: string | null;
  metadata: Metadata;
  defaultPaymentMethodId: string | null;
  firstUserEventAt: Date | null;
}

/** Everything but the derived/defaulted columns; the domain picks id and createdAt. */
export type NewCustomer = Omit<CustomerRecord, "modifiedAt" | "deletedAt" | "emailVerified" | "defaultPaymentMethodId" | "firstUserEventAt">;

/** Columns a PATCH or a delete may write. Absent keys are left untouched. */
export type CustomerChanges = Partial<
  Pick<
    CustomerRecord,
    | "email"
    | "emailVerified"
    | "type"
    | "name"
    | "billingName"
    | "billingAddress"
    | "taxId"
    | "locale"
    | "externalId"
    | "metadata"
    | "modifiedAt"
    | "deletedAt"
  >
>;

export type SortField = "created_at" | "email" | "name";
export interface SortKey {
  field: SortField;
  descending: boolean;
}

export interface ListCustomersQuery {
  /** Organizations the caller may see, already narrowed by any organization_id filter. Empty → no rows. */
  organizationIds: readonly string[];
  /** Exact, case-insensitive email match. */
  email?: string;
  /** Case-insensitive substring of email/name/billing name, or prefix of external id. */
  query?: string;
  /** key → accepted values (OR within a key, AND across keys), compared with the value rendered as text. */
  metadata?: Record<string, string[]>;
  /** true: has a live subscription in trialing/active/past_due; false: has none. */
  active?: boolean;
  sorting: SortKey[];
  limit: number;
  offset: number;
}

export interface CustomerPage {
  items: CustomerRecord[];
  /** Exact number of matching live customers. */
  totalCount: number;
}

export type UniqueField = "email" | "external_id";

export class UniqueViolationError extends Error {
  constructor(readonly field: UniqueField) {
    super(`unique violation on ${field}`);
    this.name = "UniqueViolationError";
  }
}

export interface CustomerConflicts {
  email: boolean;
  externalId: boolean;
}

export interface CustomerStore {
  insert(customer: NewCustomer): Promise<CustomerRecord>;
  findById(organizationIds: readonly string[], id: string): Promise<CustomerRecord | undefined>;
  /** All live customers with this exact external id in the given organizations (several only across organizations). */
  findByExternalId(organizationIds: readonly string[], externalId: string): Promise<CustomerRecord[]>;
  /** Which of the given values are already taken by another live customer of the organization. */
  findConflicts(
    organizationId: string,
    values: { email?: string | null; externalId?: string | null; excludeId?: string },
  ): Promise<CustomerConflicts>;
  /** Applies changes to a live customer; returns the updated row, or undefined if it is gone or deleted. */
  update(id: string, changes: CustomerChanges): Promise<CustomerRecord | undefined>;
  list(query: ListCustomersQuery): Promise<CustomerPage>;
}

export type MemberRole = "owner" | "admin" | "member" | "finance";

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
}

export interface AccessTokenRecord extends NewAccessToken {
  revokedAt: Date | null;
}

export interface AuthStore {
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
  findTokenByHash(tokenHash: string): Promise<AccessTokenRecord | undefined>;
}

export interface Storage {
  readonly dialect: "sqlite" | "postgres";
  readonly customers: CustomerStore;
  readonly auth: AuthStore;
  close(): Promise<void>;
}
