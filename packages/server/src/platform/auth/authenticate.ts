// Resolves a bearer token to a principal. Lookups are cached
// for a few seconds so the token check stays off the hot path; expiry is still
// honoured exactly, and a revoked token or membership change takes effect
// within CACHE_TTL_MS. A token's "last used" time is written at most once per
// cache period, in the background: it never delays or fails a request.

import type { MemberRole, Principal } from "./principal.js";
import { hashToken, ORGANIZATION_TOKEN_PREFIX, PERSONAL_TOKEN_PREFIX } from "./tokens.js";

export type Authentication = { kind: "anonymous" } | { kind: "invalid" } | { kind: "principal"; principal: Principal };

const ANONYMOUS: Authentication = { kind: "anonymous" };
const INVALID_CREDENTIAL: Authentication = { kind: "invalid" };

/** Prefixes Polar recognises; the ones we never issue simply never resolve. */
const KNOWN_PREFIXES = [ORGANIZATION_TOKEN_PREFIX, PERSONAL_TOKEN_PREFIX, "polar_at_u_", "polar_at_o_", "polar_cst_", "polar_mst_"];
const CLIENT_REGISTRATION_PREFIX = "polar_crt_";

export const CACHE_TTL_MS = 5_000;
const CACHE_MAX_ENTRIES = 10_000;

interface CacheEntry {
  result: Authentication;
  until: number;
}

/** Splits `Authorization: Bearer <token>`; null means "no credential". */
export function bearerToken(header: string | undefined): string | null {
  if (!header) return null;
  const space = header.indexOf(" ");
  if (space < 0 || header.slice(0, space).toLowerCase() !== "bearer") return null;
  const token = header.slice(space + 1).trim();
  // eslint-disable-next-line no-control-regex
  if (token === "" || !/^[\x00-\x7f]*$/.test(token)) return null;
  return token;
}

/** What the authenticator needs to know about stored credentials (the accounts module provides it). */
export interface CredentialSource {
  /** Expired and revoked tokens too: the authenticator decides what they mean. */
  findTokenByHash(tokenHash: string): Promise<StoredToken | undefined>;
  getOrganization(id: string): Promise<{ id: string; deletedAt: Date | null; apiAccess: boolean } | undefined>;
  getUser(id: string): Promise<{ id: string } | undefined>;
  /** Active memberships in organizations that are not deleted and have API access. */
  listMemberships(userId: string): Promise<{ organizationId: string; role: MemberRole }[]>;
  /** Notes that the token was just accepted (approximate, best effort). */
  recordTokenUse?(tokenHash: string, at: Date): Promise<void>;
}

export interface StoredToken {
  kind: "organization" | "personal";
  organizationId: string | null;
  userId: string | null;
  scopes: readonly string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export class Authenticator {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(
    private readonly credentials: CredentialSource,
    private readonly now: () => number = Date.now,
  ) {}

  /** Answers synchronously when it can (no token, bad prefix, cache hit), so the common request never waits. */
  authenticate(authorization: string | undefined): Authentication | Promise<Authentication> {
    const token = bearerToken(authorization);
    if (token === null || token.startsWith(CLIENT_REGISTRATION_PREFIX)) return ANONYMOUS;
    if (!KNOWN_PREFIXES.some((p) => token.startsWith(p))) return INVALID_CREDENTIAL;
    // Keyed by the token itself (process memory only) so a cache hit skips hashing.
    const now = this.now();
    const cached = this.cache.get(token);
    if (cached && cached.until > now) return cached.result;
    const hash = hashToken(token);
    return this.resolve(hash, now).then(({ result, expiresAt }) => {
      if (this.cache.size >= CACHE_MAX_ENTRIES) this.cache.clear();
      this.cache.set(token, { result, until: Math.min(now + CACHE_TTL_MS, expiresAt ?? Infinity) });
      if (result.kind === "principal") this.recordUse(hash, now);
      return result;
    });
  }

  private recordUse(hash: string, now: number): void {
    const record = this.credentials.recordTokenUse;
    if (record === undefined) return;
    try {
      // Not awaited, and failures (a busy or closing database) are dropped: "last used" is a hint.
      record.call(this.credentials, hash, new Date(now)).catch(() => {});
    } catch {
      // A synchronous throw is dropped too.
    }
  }

  private async resolve(hash: string, now: number): Promise<{ result: Authentication; expiresAt: number | null }> {
    const token = await this.credentials.findTokenByHash(hash);
    if (!token || token.revokedAt !== null) return { result: INVALID_CREDENTIAL, expiresAt: null };
    const expiresAt = token.expiresAt?.getTime() ?? null;
    if (expiresAt !== null && expiresAt <= now) return { result: INVALID_CREDENTIAL, expiresAt: null };
    const scopes = new Set(token.scopes);
    if (token.kind === "organization" && token.organizationId) {
      const org = await this.credentials.getOrganization(token.organizationId);
      if (!org || org.deletedAt !== null || !org.apiAccess) return { result: INVALID_CREDENTIAL, expiresAt: null };
      return { result: { kind: "principal", principal: { kind: "organization", organizationId: org.id, scopes } }, expiresAt };
    }
    if (token.kind === "personal" && token.userId) {
      const user = await this.credentials.getUser(token.userId);
      if (!user) return { result: INVALID_CREDENTIAL, expiresAt: null };
      const memberships = await this.credentials.listMemberships(user.id);
      const roles = new Map(memberships.map((m) => [m.organizationId, m.role]));
      return { result: { kind: "principal", principal: { kind: "user", userId: user.id, scopes, roles } }, expiresAt };
    }
    return { result: INVALID_CREDENTIAL, expiresAt: null };
  }
}
