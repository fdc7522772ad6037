// Creating organizations, users, memberships and tokens: the operations the
// CLI exposes and that `serve` uses to bootstrap an empty database.

import { randomUUID } from "node:crypto";
import type { MemberRole, OrganizationRecord, Storage, UserRecord } from "../storage/types.js";
import { SCOPES } from "../domain/auth/principal.js";
import { generateToken, hashToken, ORGANIZATION_TOKEN_PREFIX, PERSONAL_TOKEN_PREFIX } from "../domain/auth/tokens.js";
import { parseEmail } from "../domain/validation/email.js";
import { canonicalUuid } from "../schema/uuid.js";

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

export async function createOrganization(storage: Storage, name: string): Promise<OrganizationRecord> {
  const trimmed = name.trim();
  if (trimmed === "") throw new UsageError("organization name must not be empty");
  const base = slugify(trimmed);
  for (let attempt = 0; attempt < 20; attempt++) {
    const slug = attempt === 0 ? base : `${base}-${randomUUID().slice(0, 6)}`;
    try {
      return await storage.auth.createOrganization({ id: randomUUID(), name: trimmed, slug, createdAt: new Date() });
    } catch (error) {
      if (attempt === 19) throw error;
    }
  }
  throw new Error("unreachable");
}

export async function createUser(storage: Storage, email: string): Promise<UserRecord> {
  const parsed = parseEmail(email);
  if (!parsed.ok) throw new UsageError(`invalid email address: ${parsed.reason}`);
  const existing = await storage.auth.findUserByEmail(parsed.email);
  if (existing) throw new UsageError(`a user with email ${parsed.email} already exists (id ${existing.id})`);
  return storage.auth.createUser({ id: randomUUID(), email: parsed.email, createdAt: new Date() });
}

function requireId(value: string, what: string): string {
  const id = canonicalUuid(value);
  if (id === null) throw new UsageError(`${what} must be a UUID, got "${value}"`);
  return id;
}

export async function addMember(storage: Storage, organizationId: string, userId: string, role: string): Promise<void> {
  if (!(MEMBER_ROLES as string[]).includes(role)) throw new UsageError(`role must be one of ${MEMBER_ROLES.join(", ")}, got "${role}"`);
  const org = await storage.auth.getOrganization(requireId(organizationId, "--org"));
  if (!org) throw new UsageError(`no organization with id ${organizationId}`);
  const user = await storage.auth.getUser(requireId(userId, "--user"));
  if (!user) throw new UsageError(`no user with id ${userId}`);
  await storage.auth.addMember(org.id, user.id, role as MemberRole);
}

export function parseScopes(text: string | undefined): string[] {
  if (text === undefined) return [...SCOPES];
  const scopes = text.split(/[\s,]+/).filter(Boolean);
  const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
  if (unknown.length > 0) throw new UsageError(`unknown scope ${unknown.join(", ")}; known scopes: ${SCOPES.join(" ")}`);
  if (scopes.length === 0) throw new UsageError("at least one scope is required");
  return [...new Set(scopes)];
}

export interface TokenRequest {
  organizationId?: string;
  userId?: string;
  scopes: string[];
  expiresInMs: number | null;
}

/** Issues a token and returns it; only its hash is stored, so this is the one time it is seen. */
export async function createToken(storage: Storage, request: TokenRequest): Promise<string> {
  if ((request.organizationId === undefined) === (request.userId === undefined)) {
    throw new UsageError("give exactly one of --org ORG_ID or --user USER_ID");
  }
  const now = new Date();
  const expiresAt = request.expiresInMs === null ? null : new Date(now.getTime() + request.expiresInMs);
  if (request.organizationId !== undefined) {
    const org = await storage.auth.getOrganization(requireId(request.organizationId, "--org"));
    if (!org || org.deletedAt !== null) throw new UsageError(`no organization with id ${request.organizationId}`);
    const token = generateToken(ORGANIZATION_TOKEN_PREFIX);
    await storage.auth.createToken({ id: randomUUID(), kind: "organization", tokenHash: hashToken(token), organizationId: org.id, userId: null, scopes: request.scopes, expiresAt, createdAt: now });
    return token;
  }
  const user = await storage.auth.getUser(requireId(request.userId as string, "--user"));
  if (!user) throw new UsageError(`no user with id ${request.userId}`);
  const token = generateToken(PERSONAL_TOKEN_PREFIX);
  await storage.auth.createToken({ id: randomUUID(), kind: "personal", tokenHash: hashToken(token), organizationId: null, userId: user.id, scopes: request.scopes, expiresAt, createdAt: now });
  return token;
}

/** On an empty database: one organization and an all-scopes token, so a fresh server is usable at once. */
export async function bootstrap(storage: Storage): Promise<{ organization: OrganizationRecord; token: string } | null> {
  if ((await storage.auth.countOrganizations()) > 0) return null;
  const organization = await createOrganization(storage, "Default organization");
  const token = await createToken(storage, { organizationId: organization.id, scopes: [...SCOPES], expiresInMs: null });
  return { organization, token };
}
