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

export { addMember, bootstrap, createOrganization, createToken, createUser, MEMBER_ROLES, parseScopes, UsageError, type AccountsStorage, type TokenRequest } from "./admin.js";
export type { AccessTokenRecord, MemberRole, MembershipRecord, NewAccessToken, OrganizationRecord, TokenKind, UserRecord } from "./model.js";
export type { AccountStore } from "./store.js";
