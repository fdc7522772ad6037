// Creating, listing and removing organizations, users, memberships and
// tokens: the operations the CLI exposes and that `serve` uses to bootstrap an
// empty database.

import { randomUUID } from "node:crypto";
import { isScope, POLAR_SCOPES } from "../../platform/auth/scopes.js";
import {
  expiryWithinRange,
  generateToken,
  hashToken,
  ORGANIZATION_TOKEN_PREFIX,
  PERSONAL_TOKEN_PREFIX,
} from "../../platform/auth/tokens.js";
import { canonicalUuid } from "../../platform/schema/uuid.js";
import { parseEmail } from "../../validation/email.js";
import type { AccessTokenRecord, MemberRole, OrganizationRecord, UserRecord } from "./model.js";
import type { AccountStore } from "./store.js";

/** What these operations need: the accounts store (a whole Storage will do). */
export interface AccountsStorage {
  accounts: AccountStore;
}

/** A mistake in what the operator asked for; the CLI prints its message without a stack trace. */
export class UsageError extends Error {}

export const MEMBER_ROLES: readonly MemberRole[] = ["owner", "admin", "member", "finance"];

const slugify = (name: string) =>
  name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60) || "organization";

export async function createOrganization(
  storage: AccountsStorage,
  name: string,
  options: { id?: string; slug?: string } = {},
): Promise<OrganizationRecord> {
  const trimmed = name.trim();
  if (trimmed === "") throw new UsageError("organization name must not be empty");
  if (options.slug !== undefined) {
    return storage.accounts.createOrganization({
      id: options.id ?? randomUUID(),
      name: trimmed,
      slug: options.slug,
      createdAt: new Date(),
    });
  }
  const base = slugify(trimmed);
  for (let attempt = 0; attempt < 20; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${randomUUID().slice(0, 6)}`;
    try {
      return await storage.accounts.createOrganization({ id: options.id ?? randomUUID(), name: trimmed, slug, createdAt: new Date() });
    } catch (error) {
      if (attempt === 19) throw error;
    }
  }
  throw new Error("unreachable");
}

export { slugify };

/** A live organization, or a UsageError naming the id. */
export async function requireOrganization(storage: AccountsStorage, id: string, option = "--org"): Promise<OrganizationRecord> {
  const org = await storage.accounts.getOrganization(requireId(id, option));
  if (!org || org.deletedAt !== null) throw new UsageError(`no organization with id ${id}`);
  return org;
}

async function requireUser(storage: AccountsStorage, id: string, option = "--user"): Promise<UserRecord> {
  const user = await storage.accounts.getUser(requireId(id, option));
  if (!user) throw new UsageError(`no user with id ${id}`);
  return user;
}

export const listOrganizations = (storage: AccountsStorage): Promise<OrganizationRecord[]> => storage.accounts.listOrganizations();

export const listUsers = (storage: AccountsStorage): Promise<UserRecord[]> => storage.accounts.listUsers();

/** Soft delete: the organization's tokens stop working (within the servers' token cache period). */
export async function deleteOrganization(storage: AccountsStorage, id: string): Promise<OrganizationRecord> {
  const org = await requireOrganization(storage, id, "organization id");
  await storage.accounts.deleteOrganization(org.id, new Date());
  return org;
}

export async function createUser(storage: AccountsStorage, email: string): Promise<UserRecord> {
  const parsed = parseEmail(email);
  if (!parsed.ok) throw new UsageError(`invalid email address: ${parsed.reason}`);
  const existing = await storage.accounts.findUserByEmail(parsed.email);
  if (existing) throw new UsageError(`a user with email ${parsed.email} already exists (id ${existing.id})`);
  return storage.accounts.createUser({ id: randomUUID(), email: parsed.email, createdAt: new Date() });
}

function requireId(value: string, what: string): string {
  const id = canonicalUuid(value);
  if (id === null) throw new UsageError(`${what} must be a UUID, got "${value}"`);
  return id;
}

export async function addMember(storage: AccountsStorage, organizationId: string, userId: string, role: string): Promise<void> {
  if (!(MEMBER_ROLES as string[]).includes(role)) throw new UsageError(`role must be one of ${MEMBER_ROLES.join(", ")}, got "${role}"`);
  const org = await requireOrganization(storage, organizationId);
  const user = await requireUser(storage, userId);
  await storage.accounts.addMember(org.id, user.id, role as MemberRole);
}

export async function removeMember(storage: AccountsStorage, organizationId: string, userId: string): Promise<void> {
  const org = await requireOrganization(storage, organizationId);
  const user = await requireUser(storage, userId);
  if (!(await storage.accounts.removeMember(org.id, user.id, new Date()))) {
    throw new UsageError(`user ${user.id} is not a member of organization ${org.id}`);
  }
}

/** Space- or comma-separated scopes, each one Polar defines; `defaults` when none are given. */
export function parseScopes(text: string | undefined, defaults: readonly string[]): string[] {
  if (text === undefined) return [...defaults];
  const scopes = text.split(/[\s,]+/).filter(Boolean);
  const unknown = scopes.filter((s) => !isScope(s));
  if (unknown.length > 0) throw new UsageError(`unknown scope ${unknown.join(", ")}; ${scopeHint(unknown[0])}`);
  if (scopes.length === 0) throw new UsageError("at least one scope is required");
  return [...new Set(scopes)];
}

/** The scopes of the same resource when there are some (`customers:admin` → customers:read, customers:write), else all of them. */
function scopeHint(unknown: string): string {
  const resource = unknown.split(":")[0];
  const related = POLAR_SCOPES.filter((s) => s.split(":")[0] === resource);
  return related.length > 0 ? `did you mean ${related.join(" or ")}?` : `known scopes: ${POLAR_SCOPES.join(" ")}`;
}

export interface TokenRequest {
  organizationId?: string;
  userId?: string;
  scopes: string[];
  expiresInMs: number | null;
  /** A token chosen by the operator (bootstrap, seed files) instead of a random one; see `checkChosenToken`. */
  value?: string;
}

/** The random part is 43 base64url characters; chosen tokens need at least 32 of them (192 bits if random). */
const CHOSEN_TOKEN = /^polar_(oat|pat)_[A-Za-z0-9_-]{32,200}$/;

/** `what` names where the token came from, for the message. */
export function checkChosenToken(token: string, kind: "organization" | "personal", what: string): void {
  const prefix = kind === "organization" ? ORGANIZATION_TOKEN_PREFIX : PERSONAL_TOKEN_PREFIX;
  if (!token.startsWith(prefix) || !CHOSEN_TOKEN.test(token)) {
    throw new UsageError(
      `${what} must be ${prefix} followed by at least 32 characters from A-Z a-z 0-9 _ - (for example ${prefix} plus the output of \`openssl rand -hex 24\`)`,
    );
  }
}

/** What `tokens list` shows: the prefix and first four random characters, never enough to use the token. */
export const tokenHint = (token: string): string => token.slice(0, ORGANIZATION_TOKEN_PREFIX.length + 4);

/** Issues a token and returns it; only its hash is stored, so this is the one time it is seen. */
export async function createToken(storage: AccountsStorage, request: TokenRequest): Promise<string> {
  if ((request.organizationId === undefined) === (request.userId === undefined)) {
    throw new UsageError("give exactly one of --org ORG_ID or --user USER_ID");
  }
  const now = new Date();
  // Beyond the year 9999 a date is not representable everywhere: such a token would silently never expire.
  if (request.expiresInMs !== null && !(request.expiresInMs > 0 && expiryWithinRange(now.getTime(), request.expiresInMs))) {
    throw new UsageError("the token's lifetime must be positive and end by the year 9999");
  }
  const expiresAt = request.expiresInMs === null ? null : new Date(now.getTime() + request.expiresInMs);
  const org = request.organizationId === undefined ? null : await requireOrganization(storage, request.organizationId);
  const user = request.userId === undefined ? null : await requireUser(storage, request.userId);
  const kind = org ? "organization" : "personal";
  if (request.value !== undefined) checkChosenToken(request.value, kind, "the token");
  const token = request.value ?? generateToken(org ? ORGANIZATION_TOKEN_PREFIX : PERSONAL_TOKEN_PREFIX);
  const tokenHash = hashToken(token);
  if (request.value !== undefined && (await storage.accounts.findTokenByHash(tokenHash)))
    throw new UsageError(`the token ${tokenHint(token)}… already exists`);
  await storage.accounts.createToken({
    id: randomUUID(),
    kind,
    tokenHash,
    hint: tokenHint(token),
    organizationId: org?.id ?? null,
    userId: user?.id ?? null,
    scopes: request.scopes,
    expiresAt,
    createdAt: now,
  });
  return token;
}

export async function listTokens(
  storage: AccountsStorage,
  owner: { organizationId?: string; userId?: string },
): Promise<AccessTokenRecord[]> {
  if ((owner.organizationId === undefined) === (owner.userId === undefined))
    throw new UsageError("give exactly one of --org ORG_ID or --user USER_ID");
  if (owner.organizationId !== undefined) {
    // Deleted organizations' tokens stay listable: they are what an operator audits after a deletion.
    const org = await storage.accounts.getOrganization(requireId(owner.organizationId, "--org"));
    if (!org) throw new UsageError(`no organization with id ${owner.organizationId}`);
    return storage.accounts.listTokens({ organizationId: org.id });
  }
  const user = await requireUser(storage, owner.userId as string);
  return storage.accounts.listTokens({ userId: user.id });
}

/**
 * Revokes a token given by its id (from `tokens list`) or by the token itself
 * (when it leaked and its id is unknown). Revoking a revoked token changes nothing.
 */
export async function revokeToken(storage: AccountsStorage, idOrToken: string): Promise<AccessTokenRecord> {
  const token = idOrToken.startsWith("polar_")
    ? await storage.accounts.findTokenByHash(hashToken(idOrToken))
    : await storage.accounts.getToken(requireId(idOrToken, "the token id"));
  if (!token)
    throw new UsageError(idOrToken.startsWith("polar_") ? `no such token (${tokenHint(idOrToken)}…)` : `no token with id ${idOrToken}`);
  const revoked = await storage.accounts.revokeToken(token.id, new Date());
  if (!revoked) throw new UsageError(`no token with id ${token.id}`);
  return revoked;
}

export type Bootstrap = { kind: "created"; organization: OrganizationRecord; token: string; chosen: boolean } | { kind: "existing" };

/**
 * On an empty database (no live organization): one organization and a token
 * with `scopes` (every scope the server's operations accept), so a fresh server
 * is usable at once. `chosen` (POLAR_BOOTSTRAP_TOKEN) makes that token exactly
 * this one; on a database that is not empty it must already be a working token
 * of it, else this fails: a server that silently ignored it would answer 401 to
 * a CI job that relies on it.
 */
export async function bootstrap(storage: AccountsStorage, scopes: readonly string[], chosen?: string): Promise<Bootstrap> {
  if (chosen !== undefined) checkChosenToken(chosen, "organization", "the bootstrap token (POLAR_BOOTSTRAP_TOKEN / --bootstrap-token)");
  if ((await storage.accounts.countOrganizations()) > 0) {
    if (chosen !== undefined) await checkExistingBootstrapToken(storage, chosen);
    return { kind: "existing" };
  }
  if (chosen !== undefined && (await storage.accounts.findTokenByHash(hashToken(chosen)))) {
    throw new UsageError("the bootstrap token belongs to a deleted organization of this database; choose another one");
  }
  const organization = await createOrganization(storage, "Default organization");
  const token = await createToken(storage, { organizationId: organization.id, scopes: [...scopes], expiresInMs: null, value: chosen });
  return { kind: "created", organization, token, chosen: chosen !== undefined };
}

async function checkExistingBootstrapToken(storage: AccountsStorage, chosen: string): Promise<void> {
  const found = await storage.accounts.findTokenByHash(hashToken(chosen));
  const problem = !found
    ? "is not a token of this database, and it is only created on an empty database"
    : found.revokedAt !== null
      ? "was revoked"
      : found.expiresAt !== null && found.expiresAt.getTime() <= Date.now()
        ? "has expired"
        : found.organizationId !== null && (await storage.accounts.getOrganization(found.organizationId))?.deletedAt != null
          ? "belongs to a deleted organization"
          : null;
  if (problem !== null) {
    throw new UsageError(
      `the bootstrap token (POLAR_BOOTSTRAP_TOKEN / --bootstrap-token) ${problem}; start on an empty database, or unset it and issue tokens with \`polar-customers tokens create --org ID\``,
    );
  }
}
