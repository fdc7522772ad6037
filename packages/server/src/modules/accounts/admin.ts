// Creating organizations, users, memberships and tokens: the operations the
// CLI exposes and that `serve` uses to bootstrap an empty database.

import { randomUUID } from "node:crypto";
import { isScope, POLAR_SCOPES } from "../../platform/auth/scopes.js";
import { expiryWithinRange, generateToken, hashToken, ORGANIZATION_TOKEN_PREFIX, PERSONAL_TOKEN_PREFIX } from "../../platform/auth/tokens.js";
import { canonicalUuid } from "../../platform/schema/uuid.js";
import { parseEmail } from "../../validation/email.js";
import type { MemberRole, OrganizationRecord, UserRecord } from "./model.js";
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

export async function createOrganization(storage: AccountsStorage, name: string): Promise<OrganizationRecord> {
  const trimmed = name.trim();
  if (trimmed === "") throw new UsageError("organization name must not be empty");
  const base = slugify(trimmed);
  for (let attempt = 0; attempt < 20; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${randomUUID().slice(0, 6)}`;
    try {
      return await storage.accounts.createOrganization({ id: randomUUID(), name: trimmed, slug, createdAt: new Date() });
    } catch (error) {
      if (attempt === 19) throw error;
    }
  }
  throw new Error("unreachable");
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
  const org = await storage.accounts.getOrganization(requireId(organizationId, "--org"));
  if (!org) throw new UsageError(`no organization with id ${organizationId}`);
  const user = await storage.accounts.getUser(requireId(userId, "--user"));
  if (!user) throw new UsageError(`no user with id ${userId}`);
  await storage.accounts.addMember(org.id, user.id, role as MemberRole);
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
}

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
  if (request.organizationId !== undefined) {
    const org = await storage.accounts.getOrganization(requireId(request.organizationId, "--org"));
    if (!org || org.deletedAt !== null) throw new UsageError(`no organization with id ${request.organizationId}`);
    const token = generateToken(ORGANIZATION_TOKEN_PREFIX);
    await storage.accounts.createToken({ id: randomUUID(), kind: "organization", tokenHash: hashToken(token), organizationId: org.id, userId: null, scopes: request.scopes, expiresAt, createdAt: now });
    return token;
  }
  const user = await storage.accounts.getUser(requireId(request.userId as string, "--user"));
  if (!user) throw new UsageError(`no user with id ${request.userId}`);
  const token = generateToken(PERSONAL_TOKEN_PREFIX);
  await storage.accounts.createToken({ id: randomUUID(), kind: "personal", tokenHash: hashToken(token), organizationId: null, userId: user.id, scopes: request.scopes, expiresAt, createdAt: now });
  return token;
}

/**
 * On an empty database: one organization and a token with `scopes` (every scope
 * the server's operations accept), so a fresh server is usable at once.
 */
export async function bootstrap(storage: AccountsStorage, scopes: readonly string[]): Promise<{ organization: OrganizationRecord; token: string } | null> {
  if ((await storage.accounts.countOrganizations()) > 0) return null;
  const organization = await createOrganization(storage, "Default organization");
  const token = await createToken(storage, { organizationId: organization.id, scopes: [...scopes], expiresInMs: null });
  return { organization, token };
}
