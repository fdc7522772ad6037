// Fixture files (`polar-customers seed FILE.json`): each module reads its own
// section of every organization entry. A seed only adds what is missing, so
// running the same file twice changes nothing the second time.

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

export interface ModuleSeeder<Deps> {
  /** The key of an organization entry this module reads (`"customers"`). */
  readonly section: string;
  /** Loads the section's value (unchecked JSON) into the organization; entries that already exist are left as they are. */
  apply(deps: Deps, organizationId: string, value: unknown, path: SeedPath): Promise<SeedCount>;
}

/** The section's value as a list of objects, or a SeedError. */
export function seedEntries(value: unknown, path: SeedPath): Record<string, unknown>[] {
  if (!Array.isArray(value)) throw new SeedError(path, "must be a list");
  return value.map((entry, index) => {
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) throw new SeedError([...path, index], "must be an object");
    return entry as Record<string, unknown>;
  });
}
