// Row ⇄ record mapping for the accounts tables.
import type { Selectable } from "kysely";
import { readTimeOrNull, type Codec } from "../../platform/storage/codec.js";
import type { AccessTokenRecord, MemberRole, OrganizationRecord, TokenKind, UserRecord } from "./model.js";
import type { AccessTokensTable, OrganizationsTable, UsersTable } from "./tables.js";

export function organizationFromRow(codec: Codec, row: Selectable<OrganizationsTable>): OrganizationRecord {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    createdAt: codec.readTime(row.created_at),
    deletedAt: readTimeOrNull(codec, row.deleted_at),
    apiAccess: codec.readBool(row.api_access),
  };
}

export function userFromRow(codec: Codec, row: Selectable<UsersTable>): UserRecord {
  return { id: row.id, email: row.email, createdAt: codec.readTime(row.created_at) };
}

export function tokenFromRow(codec: Codec, row: Selectable<AccessTokensTable>): AccessTokenRecord {
  return {
    id: row.id,
    kind: row.kind as TokenKind,
    tokenHash: row.token_hash,
    organizationId: row.organization_id,
    userId: row.user_id,
    scopes: codec.readJson(row.scopes) as string[],
    expiresAt: readTimeOrNull(codec, row.expires_at),
    revokedAt: readTimeOrNull(codec, row.revoked_at),
    createdAt: codec.readTime(row.created_at),
    hint: row.hint,
    lastUsedAt: readTimeOrNull(codec, row.last_used_at),
  };
}

export const roleFromRow = (role: string): MemberRole => role as MemberRole;
