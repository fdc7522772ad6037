// The organization part of a seed file entry: `id`, `name`, `slug` and
// `tokens`. Other modules read their own sections of the same entry.
import { canonicalUuid } from "../../platform/schema/uuid.js";
import { SeedError, seedEntries, type SeedCount, type SeedPath } from "../../platform/seed.js";
import { parseDuration } from "../../platform/auth/tokens.js";
import { hashToken } from "../../platform/auth/tokens.js";
import { checkChosenToken, createOrganization, createToken, parseScopes, slugify, UsageError, type AccountsStorage } from "./admin.js";
import type { OrganizationRecord } from "./model.js";

/** The keys of an organization entry this module reads. */
export const ORGANIZATION_SEED_KEYS = ["id", "name", "slug", "tokens"] as const;

export interface OrganizationSeed {
  organization: OrganizationRecord;
  created: boolean;
  tokens: SeedCount;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const optionalString = (entry: Record<string, unknown>, key: string, path: SeedPath): string | undefined => {
  const value = entry[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "") throw new SeedError([...path, key], "must be a non-empty string");
  return value;
};

/**
 * Finds the organization an entry describes (by `id`, else by `slug`, else by
 * the slug its `name` gives) or creates it, then adds its missing tokens.
 * An existing organization keeps its name.
 */
export async function seedOrganization(
  storage: AccountsStorage,
  entry: Record<string, unknown>,
  path: SeedPath,
  servedScopes: readonly string[],
): Promise<OrganizationSeed> {
  const name = optionalString(entry, "name", path);
  if (name === undefined) throw new SeedError([...path, "name"], "is required");
  const rawId = optionalString(entry, "id", path);
  const id = rawId === undefined ? undefined : canonicalUuid(rawId);
  if (id === null) throw new SeedError([...path, "id"], `must be a UUID, got "${rawId}"`);
  const givenSlug = optionalString(entry, "slug", path);
  if (givenSlug !== undefined && !SLUG.test(givenSlug))
    throw new SeedError([...path, "slug"], "must be lower-case letters and digits separated by single hyphens");
  const slug = givenSlug ?? slugify(name);

  let organization = id === undefined ? undefined : await storage.accounts.getOrganization(id);
  organization ??= (await storage.accounts.findOrganizationBySlug(slug)) ?? undefined;
  if (organization && id !== undefined && organization.id !== id) {
    throw new SeedError([...path, "slug"], `"${slug}" is the slug of another organization (${organization.id})`);
  }
  if (organization?.deletedAt != null) throw new SeedError(path, `organization ${organization.id} (${organization.slug}) was deleted`);
  let created = false;
  if (!organization) {
    organization = await createOrganization(storage, name, { id, slug });
    created = true;
  }
  const tokens =
    entry.tokens === undefined
      ? { created: 0, existing: 0 }
      : await seedTokens(storage, organization, entry.tokens, [...path, "tokens"], servedScopes);
  return { organization, created, tokens };
}

/** `{"token": "polar_oat_…", "scopes"?: [...] | "a b", "expires_in"?: "30d"}`; a token already stored for this organization is left alone. */
async function seedTokens(
  storage: AccountsStorage,
  organization: OrganizationRecord,
  value: unknown,
  path: SeedPath,
  servedScopes: readonly string[],
): Promise<SeedCount> {
  const count: SeedCount = { created: 0, existing: 0 };
  for (const [index, entry] of seedEntries(value, path).entries()) {
    const at = [...path, index];
    for (const key of Object.keys(entry))
      if (!["token", "scopes", "expires_in"].includes(key))
        throw new SeedError([...at, key], "unknown key (expected token, scopes, expires_in)");
    const token = entry.token;
    if (typeof token !== "string") throw new SeedError([...at, "token"], "is required: a polar_oat_… string");
    const scopes = entry.scopes;
    if (scopes !== undefined && typeof scopes !== "string" && !(Array.isArray(scopes) && scopes.every((s) => typeof s === "string"))) {
      throw new SeedError([...at, "scopes"], "must be a list of scope names");
    }
    const expiresIn = entry.expires_in;
    if (expiresIn !== undefined && (typeof expiresIn !== "string" || parseDuration(expiresIn) === null)) {
      throw new SeedError([...at, "expires_in"], "must look like 30d, 12h, 90m or 45s");
    }
    try {
      checkChosenToken(token, "organization", "the token");
      const existing = await storage.accounts.findTokenByHash(hashToken(token));
      if (existing) {
        if (existing.organizationId !== organization.id) throw new UsageError("is already a token of another organization or user");
        count.existing++;
        continue;
      }
      const parsedScopes = parseScopes(Array.isArray(scopes) ? scopes.join(" ") : scopes, servedScopes);
      await createToken(storage, {
        organizationId: organization.id,
        scopes: parsedScopes,
        expiresInMs: expiresIn === undefined ? null : parseDuration(expiresIn),
        value: token,
      });
      count.created++;
    } catch (error) {
      if (error instanceof UsageError) throw new SeedError([...at, "token"], error.message);
      throw error;
    }
  }
  return count;
}
