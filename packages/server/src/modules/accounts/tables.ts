// The accounts module's tables as Kysely sees them (encoded column values,
// see platform/storage/codec.ts).
import type { BoolValue, JsonValue, TimeValue } from "../../platform/storage/codec.js";

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
  /** The token's prefix and first random characters (`polar_oat_AbCd`); null for tokens issued before it was stored. */
  hint: string | null;
  last_used_at: TimeValue | null;
}

export interface AccountTables {
  organizations: OrganizationsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  access_tokens: AccessTokensTable;
}
