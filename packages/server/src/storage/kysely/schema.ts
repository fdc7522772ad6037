// Kysely table shapes shared by both backends. Column values are the *encoded*
// forms (epoch ms vs Date, 0/1 vs boolean, JSON text vs parsed jsonb), so they
// are typed loosely here and converted by the dialect codec in rows.ts.

/** Epoch milliseconds (SQLite) or Date (PostgreSQL timestamptz). */
export type TimeValue = number | Date;
/** 0/1 (SQLite) or boolean (PostgreSQL). */
export type BoolValue = number | boolean;
/** JSON text on write for both; parsed object when PostgreSQL reads jsonb. */
export type JsonValue = string | object;

export interface OrganizationsTable {
  id: string;
  name: string;
  slug: string;
  created_at: TimeValue;
  deleted_at: TimeValue | null;
  api_access: BoolValue;
}

export interface UsersTable {
  id: string;
  email: string;
  /** JS `email.toLowerCase()`, the case-insensitive uniqueness key. */
  email_key: string;
  created_at: TimeValue;
}

export interface MembershipsTable {
  organization_id: string;
  user_id: string;
  role: string;
  created_at: TimeValue;
  deleted_at: TimeValue | null;
}

export interface AccessTokensTable {
  id: string;
  kind: string;
  token_hash: string;
  organization_id: string | null;
  user_id: string | null;
  scopes: JsonValue;
  expires_at: TimeValue | null;
  revoked_at: TimeValue | null;
  created_at: TimeValue;
}

export interface CustomersTable {
  id: string;
  organization_id: string;
  created_at: TimeValue;
  modified_at: TimeValue | null;
  deleted_at: TimeValue | null;
  email: string | null;
  email_verified: BoolValue;
  type: string;
  name: string | null;
  billing_name: string | null;
  billing_address: JsonValue | null;
  tax_id: JsonValue | null;
  locale: string | null;
  external_id: string | null;
  metadata: JsonValue;
  default_payment_method_id: string | null;
  first_user_event_at: TimeValue | null;
  // Derived lower-case keys, computed in JS so both backends agree byte for byte.
  email_key: string | null;
  name_key: string | null;
  billing_name_key: string | null;
  external_id_key: string | null;
}

export interface SubscriptionsTable {
  id: string;
  customer_id: string;
  status: string;
  created_at: TimeValue;
  deleted_at: TimeValue | null;
}

/** Live (not soft-deleted) customers per organization, so unfiltered lists need no COUNT(*). */
export interface CustomerCountsTable {
  organization_id: string;
  live_count: number | string;
}

export interface Database {
  organizations: OrganizationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  access_tokens: AccessTokensTable;
  customers: CustomersTable;
  subscriptions: SubscriptionsTable;
  customer_counts: CustomerCountsTable;
}
