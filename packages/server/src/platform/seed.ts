// Fixture files (`polar-customers seed FILE.json`): each module reads its own
// section of every organization entry. A seed only adds what is missing, so
// running the same file twice changes nothing the second time.
import { accessContext, type AccessContext } from "./auth/principal.js";
import type { SeedKeys } from "./seed-keys.js";

export type SeedPath = readonly (string | number)[];

/** `organizations[0].customers[2].email` */
export const formatSeedPath = (path: SeedPath): string =>
  path.map((part, index) => (typeof part === "number" ? `[${part}]` : index === 0 ? part : `.${part}`)).join("") || "(top level)";

/** A problem in the seed file at `path`; the whole seed is rolled back. */
export class SeedError extends Error {
  constructor(
    readonly path: SeedPath,
    readonly problem: string,
  ) {
    super(`${formatSeedPath(path)}: ${problem}`);
    this.name = "SeedError";
  }
}

/** How many entries of a section were added, and how many were already there. */
export interface SeedCount {
  created: number;
  existing: number;
}

/** The organization an entry describes, as its sections see it. */
export interface SeedOrganization {
  id: string;
  /** The `key` handles of this entry's resources, shared by its sections (a product names its benefits by key). */
  keys: SeedKeys;
}

export interface ModuleSeeder<Deps> {
  /** The key of an organization entry this module reads (`"customers"`). */
  readonly section: string;
  /** Loads the section's value (unchecked JSON) into the organization; entries that already exist are left as they are. */
  apply(deps: Deps, organization: SeedOrganization, value: unknown, path: SeedPath): Promise<SeedCount>;
}

/** The section's value as a list of objects, or a SeedError. */
export function seedEntries(value: unknown, path: SeedPath): Record<string, unknown>[] {
  if (!Array.isArray(value)) throw new SeedError(path, "must be a list");
  return value.map((entry, index) => {
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) throw new SeedError([...path, index], "must be an object");
    return entry as Record<string, unknown>;
  });
}

/** What a seed acts as: the organization's own token, as a client calling the API for it would. */
export const seedAccess = (organizationId: string): AccessContext =>
  accessContext({ kind: "organization", organizationId, scopes: new Set() }, null);

/** Entries are create bodies without `organization_id`: the organization entry they are listed in says which. */
export function rejectOrganizationId(entry: Record<string, unknown>, at: SeedPath, what: string): void {
  if (entry.organization_id !== undefined)
    throw new SeedError([...at, "organization_id"], `leave it out: a ${what} belongs to the organization entry it is listed in`);
}

/** Counts one entry: created by this run, or already there. */
export const tally = (count: SeedCount, created: boolean): void => {
  if (created) count.created++;
  else count.existing++;
};

const PAGE = 100;

/** Every item of a paged store listing (the candidates a seed entry may match: few, but not capped). */
export async function allPages<T>(list: (page: { limit: number; offset: number }) => Promise<{ items: T[] }>): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const { items } = await list({ limit: PAGE, offset });
    all.push(...items);
    if (items.length < PAGE) return all;
  }
}

/**
 * The one resource `candidates` leaves (an entry's match on a later run), none,
 * or a SeedError when several fit and the seed cannot tell which one is meant.
 */
export function onlyMatch<T extends { id: string }>(candidates: readonly T[], at: SeedPath, description: string): T | undefined {
  if (candidates.length > 1)
    throw new SeedError(
      at,
      `${candidates.length} ${description} (${candidates.map((c) => c.id).join(", ")}); the seed cannot tell which one this entry is`,
    );
  return candidates[0];
}
