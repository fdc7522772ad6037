// The accounts store on Kysely, for both backends.
import type { Kysely } from "kysely";
import { timeOrNull } from "../../platform/storage/codec.js";
import type { SqlContext } from "../../platform/storage/seam.js";
import { translating } from "../../platform/storage/translate.js";
import type {
  AccessTokenRecord,
  MemberRole,
  MembershipRecord,
  NewAccessToken,
  OrganizationRecord,
  TokenOwner,
  UserRecord,
} from "./model.js";
import { organizationFromRow, roleFromRow, tokenFromRow, userFromRow } from "./rows.js";
import type { AccountStore } from "./store.js";
import type { AccountTables } from "./tables.js";

export class KyselyAccountStore implements AccountStore {
  private readonly db: Kysely<AccountTables>;

  constructor(private readonly context: SqlContext) {
    this.db = context.db as Kysely<AccountTables>;
  }

  private get codec() {
    return this.context.dialect.codec;
  }

  createOrganization(
    org: Omit<OrganizationRecord, "deletedAt" | "apiAccess"> & Partial<Pick<OrganizationRecord, "deletedAt" | "apiAccess">>,
  ): Promise<OrganizationRecord> {
    return translating(this.context.dialect, async () => {
      const row = await this.db
        .insertInto("organizations")
        .values({
          id: org.id,
          name: org.name,
          slug: org.slug,
          created_at: this.codec.time(org.createdAt),
          deleted_at: timeOrNull(this.codec, org.deletedAt ?? null),
          api_access: this.codec.bool(org.apiAccess ?? true),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return organizationFromRow(this.codec, row);
    });
  }

  getOrganization(id: string): Promise<OrganizationRecord | undefined> {
    return translating(this.context.dialect, async () => {
      const row = await this.db.selectFrom("organizations").selectAll().where("id", "=", id).executeTakeFirst();
      return row && organizationFromRow(this.codec, row);
    });
  }

  findOrganizationBySlug(slug: string): Promise<OrganizationRecord | undefined> {
    return translating(this.context.dialect, async () => {
      const row = await this.db.selectFrom("organizations").selectAll().where("slug", "=", slug).executeTakeFirst();
      return row && organizationFromRow(this.codec, row);
    });
  }

  /** Organizations that are not deleted. */
  countOrganizations(): Promise<number> {
    return translating(this.context.dialect, async () => {
      const row = await this.db
        .selectFrom("organizations")
        .select((eb) => eb.fn.countAll<number | string>().as("total"))
        .where("deleted_at", "is", null)
        .executeTakeFirstOrThrow();
      return Number(row.total);
    });
  }

  listOrganizations(): Promise<OrganizationRecord[]> {
    return translating(this.context.dialect, async () => {
      const rows = await this.db
        .selectFrom("organizations")
        .selectAll()
        .where("deleted_at", "is", null)
        .orderBy("created_at")
        .orderBy("id")
        .execute();
      return rows.map((row) => organizationFromRow(this.codec, row));
    });
  }

  deleteOrganization(id: string, at: Date): Promise<boolean> {
    return translating(this.context.dialect, async () => {
      const result = await this.db
        .updateTable("organizations")
        .set({ deleted_at: this.codec.time(at) })
        .where("id", "=", id)
        .where("deleted_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    });
  }

  createUser(user: UserRecord): Promise<UserRecord> {
    return translating(this.context.dialect, async () => {
      const row = await this.db
        .insertInto("users")
        .values({ id: user.id, email: user.email, email_key: user.email.toLowerCase(), created_at: this.codec.time(user.createdAt) })
        .returningAll()
        .executeTakeFirstOrThrow();
      return userFromRow(this.codec, row);
    });
  }

  getUser(id: string): Promise<UserRecord | undefined> {
    return translating(this.context.dialect, async () => {
      const row = await this.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
      return row && userFromRow(this.codec, row);
    });
  }

  findUserByEmail(email: string): Promise<UserRecord | undefined> {
    return translating(this.context.dialect, async () => {
      const row = await this.db.selectFrom("users").selectAll().where("email_key", "=", email.toLowerCase()).executeTakeFirst();
      return row && userFromRow(this.codec, row);
    });
  }

  listUsers(): Promise<UserRecord[]> {
    return translating(this.context.dialect, async () => {
      const rows = await this.db.selectFrom("users").selectAll().orderBy("created_at").orderBy("id").execute();
      return rows.map((row) => userFromRow(this.codec, row));
    });
  }

  addMember(organizationId: string, userId: string, role: MemberRole): Promise<void> {
    return translating(this.context.dialect, async () => {
      await this.db
        .insertInto("memberships")
        .values({
          organization_id: organizationId,
          user_id: userId,
          role,
          created_at: this.codec.time(new Date()),
          deleted_at: null,
        })
        .onConflict((oc) => oc.columns(["organization_id", "user_id"]).doUpdateSet({ role, deleted_at: null }))
        .execute();
    });
  }

  listMemberships(userId: string): Promise<MembershipRecord[]> {
    return translating(this.context.dialect, async () => {
      const rows = await this.db
        .selectFrom("memberships")
        .innerJoin("organizations", "organizations.id", "memberships.organization_id")
        .select(["memberships.organization_id", "memberships.role"])
        .where("memberships.user_id", "=", userId)
        .where("memberships.deleted_at", "is", null)
        .where("organizations.deleted_at", "is", null)
        .where("organizations.api_access", "=", this.codec.bool(true))
        .orderBy("memberships.created_at")
        .orderBy("memberships.organization_id")
        .execute();
      return rows.map((r) => ({ organizationId: r.organization_id, role: roleFromRow(r.role) }));
    });
  }

  removeMember(organizationId: string, userId: string, at: Date): Promise<boolean> {
    return translating(this.context.dialect, async () => {
      const result = await this.db
        .updateTable("memberships")
        .set({ deleted_at: this.codec.time(at) })
        .where("organization_id", "=", organizationId)
        .where("user_id", "=", userId)
        .where("deleted_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    });
  }

  createToken(token: NewAccessToken & Partial<Pick<AccessTokenRecord, "revokedAt">>): Promise<AccessTokenRecord> {
    return translating(this.context.dialect, async () => {
      const row = await this.db
        .insertInto("access_tokens")
        .values({
          id: token.id,
          kind: token.kind,
          token_hash: token.tokenHash,
          organization_id: token.organizationId,
          user_id: token.userId,
          scopes: this.codec.json(token.scopes),
          expires_at: timeOrNull(this.codec, token.expiresAt),
          revoked_at: timeOrNull(this.codec, token.revokedAt ?? null),
          created_at: this.codec.time(token.createdAt),
          hint: token.hint ?? null,
          last_used_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return tokenFromRow(this.codec, row);
    });
  }

  /** Returns expired and revoked tokens too: the auth layer decides what they mean. */
  findTokenByHash(tokenHash: string): Promise<AccessTokenRecord | undefined> {
    return translating(this.context.dialect, async () => {
      const row = await this.db.selectFrom("access_tokens").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst();
      return row && tokenFromRow(this.codec, row);
    });
  }

  getToken(id: string): Promise<AccessTokenRecord | undefined> {
    return translating(this.context.dialect, async () => {
      const row = await this.db.selectFrom("access_tokens").selectAll().where("id", "=", id).executeTakeFirst();
      return row && tokenFromRow(this.codec, row);
    });
  }

  listTokens(owner: TokenOwner): Promise<AccessTokenRecord[]> {
    return translating(this.context.dialect, async () => {
      let query = this.db.selectFrom("access_tokens").selectAll();
      query =
        "organizationId" in owner ? query.where("organization_id", "=", owner.organizationId) : query.where("user_id", "=", owner.userId);
      const rows = await query.orderBy("created_at").orderBy("id").execute();
      return rows.map((row) => tokenFromRow(this.codec, row));
    });
  }

  revokeToken(id: string, at: Date): Promise<AccessTokenRecord | undefined> {
    return translating(this.context.dialect, async () => {
      await this.db
        .updateTable("access_tokens")
        .set({ revoked_at: this.codec.time(at) })
        .where("id", "=", id)
        .where("revoked_at", "is", null)
        .execute();
      const row = await this.db.selectFrom("access_tokens").selectAll().where("id", "=", id).executeTakeFirst();
      return row && tokenFromRow(this.codec, row);
    });
  }

  recordTokenUse(tokenHash: string, at: Date): Promise<void> {
    return translating(this.context.dialect, async () => {
      const time = this.codec.time(at);
      await this.db
        .updateTable("access_tokens")
        .set({ last_used_at: time })
        .where("token_hash", "=", tokenHash)
        .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", time)]))
        .execute();
    });
  }
}
