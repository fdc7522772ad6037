// The accounts module: organizations, users, memberships and access tokens.
// No HTTP operations yet; the CLI and `serve`'s bootstrap use admin.ts, and its
// store is the credential source of the platform's authenticator.
import { defineModule } from "../../platform/module.js";
import { accountsMigrations } from "./migrations.js";
import { KyselyAccountStore } from "./store-kysely.js";

export const accountsModule = defineModule({
  name: "accounts",
  migrations: accountsMigrations,
  store: (context) => new KyselyAccountStore(context),
});

export {
  addMember,
  bootstrap,
  checkChosenToken,
  createOrganization,
  createToken,
  createUser,
  deleteOrganization,
  listOrganizations,
  listTokens,
  listUsers,
  MEMBER_ROLES,
  parseScopes,
  removeMember,
  requireOrganization,
  revokeToken,
  tokenHint,
  UsageError,
  type AccountsStorage,
  type Bootstrap,
  type TokenRequest,
} from "./admin.js";
export { ORGANIZATION_SEED_KEYS, seedOrganization, type OrganizationSeed } from "./seed.js";
export type {
  AccessTokenRecord,
  MemberRole,
  MembershipRecord,
  NewAccessToken,
  OrganizationRecord,
  TokenKind,
  TokenOwner,
  UserRecord,
} from "./model.js";
export type { AccountStore } from "./store.js";
