// What every module's seed section does with its entries, written once: each
// module states only what differs (its schema, how an entry's resource is
// found again on a later run, its create call, the keys its entries name).
// The order of the steps is the order a seed reports problems in, which the
// CLI tests pin: the entry's key, its organization_id, the keys it names, its
// body, its match field's uniqueness in the file, then the database.
import type { AccessContext } from "./auth/principal.js";
import type { Schema } from "./schema/core.js";
import {
  allPages,
  onlyMatch,
  rejectOrganizationId,
  seedAccess,
  seedEntries,
  tally,
  type ModuleSeeder,
  type SeedCount,
  type SeedOrganization,
  type SeedPath,
} from "./seed.js";
import { asSeedEntry, parseEntry, type SeedAliases } from "./seed-issues.js";
import { entryKey, MatchedOnce } from "./seed-keys.js";

/** One entry of a section, as the section's own steps see it. */
export interface SeedEntry<Deps, Service> {
  readonly deps: Deps;
  readonly service: Service;
  /** What the entry's API calls act as: the organization's own token. */
  readonly context: AccessContext;
  readonly organization: SeedOrganization;
  /** The entry as the file gives it (its `key` included). */
  readonly entry: Record<string, unknown>;
  readonly at: SeedPath;
}

export interface SeedLoop<Deps, Service> {
  /** The key of an organization entry the section reads (`"meters"`); its entries' keys are defined under it. */
  readonly section: string;
  /** What one entry is (`"meter"`), for the message that refuses an `organization_id`. */
  readonly noun: string;
  /** Whether entries may carry a seed-only `key`, which later entries of the organization entry refer to. */
  readonly keyed?: boolean;
  /** The module's service, built as the module builds it for the API. */
  service(deps: Deps): Service;
}

/** Loads one entry: true if it created the entry's resource, false if that was already there. */
type LoadEntry<Deps, Service> = (entry: SeedEntry<Deps, Service>, key: string | undefined) => Promise<boolean>;

async function loadEntries<Deps, Service>(
  spec: SeedLoop<Deps, Service>,
  load: LoadEntry<Deps, Service>,
  deps: Deps,
  organization: SeedOrganization,
  value: unknown,
  path: SeedPath,
): Promise<SeedCount> {
  const service = spec.service(deps);
  const context = seedAccess(organization.id);
  const count: SeedCount = { created: 0, existing: 0 };
  for (const [index, entry] of seedEntries(value, path).entries()) {
    const at = [...path, index];
    const key = spec.keyed ? entryKey(entry, at) : undefined;
    rejectOrganizationId(entry, at, spec.noun);
    tally(count, await load({ deps, service, context, organization, entry, at }, key));
  }
  return count;
}

/** A section whose entries `seed` loads one by one, after their key and organization_id are checked. */
export function seedSection<Deps, Service>(spec: SeedLoop<Deps, Service> & { seed: LoadEntry<Deps, Service> }): ModuleSeeder<Deps> {
  return {
    section: spec.section,
    apply: (deps, organization, value, path) => loadEntries(spec, spec.seed, deps, organization, value, path),
  };
}

/** A section of create bodies: each entry's resource is found again on a later run, or created as the API creates it. */
export interface FindOrCreate<Deps, Service, Body, Found extends { id: string }, Extra> extends SeedLoop<Deps, Service> {
  /** The body schema of the create endpoint. */
  readonly schema: Schema<Body>;
  /**
   * The create body before it is parsed: `fields` (the entry without its
   * `key`) less other seed-only fields, the keys they name turned into ids.
   * Without it, `fields` as they are.
   */
  input?(fields: Record<string, unknown>, entry: SeedEntry<Deps, Service>): Record<string, unknown> | Promise<Record<string, unknown>>;
  /** API field → the seed-only field the entry gave instead, where problems of the API field are reported. */
  aliases?(entry: Record<string, unknown>): SeedAliases;
  /** What the section reads from the entry besides the body (a product's benefits), once the body parsed. */
  extra?(entry: SeedEntry<Deps, Service>): Extra;
  /** The field that finds an entry's resource on a later run: no two entries of an organization entry may share it. */
  readonly matchedBy?: { readonly field: string; value(body: Body): string };
  /** The entry's resource if it is already there (a later run); a SeedError if the seed cannot tell which one it is. */
  findExisting(body: Body, entry: SeedEntry<Deps, Service>): Promise<Found | undefined>;
  /** Creates the resource as the endpoint does; what the API refuses becomes a SeedError located in the entry's input. */
  create(body: Body, entry: SeedEntry<Deps, Service>, extra: Extra): Promise<Found>;
}

export function defineSeedSection<Deps, Service, Body, Found extends { id: string }, Extra = undefined>(
  spec: FindOrCreate<Deps, Service, Body, Found, Extra>,
): ModuleSeeder<Deps> {
  return {
    section: spec.section,
    apply(deps, organization, value, path) {
      // Match fields are unique within one organization entry's section.
      const claimed = spec.matchedBy && new MatchedOnce(spec.matchedBy.field);
      const load: LoadEntry<Deps, Service> = async (entry, key) => {
        const { at } = entry;
        const fields = spec.keyed ? withoutKey(entry.entry) : entry.entry;
        const input = spec.input ? await spec.input(fields, entry) : fields;
        const aliases = spec.aliases?.(entry.entry);
        const body = parseEntry(spec.schema, input, at, aliases);
        const extra = spec.extra?.(entry) as Extra;
        claimed?.claim(spec.matchedBy!.value(body), at);
        const existing = await spec.findExisting(body, entry);
        const resource = existing ?? (await asSeedEntry(at, input, () => spec.create(body, entry, extra), aliases));
        if (spec.keyed) organization.keys.define(spec.section, key, resource.id, at);
        return existing === undefined;
      };
      return loadEntries(spec, load, deps, organization, value, path);
    },
  };
}

function withoutKey(entry: Record<string, unknown>): Record<string, unknown> {
  const { key: _key, ...fields } = entry;
  return fields;
}

/** How a seed lists the candidates of a name match: the organization's live resources whose name contains it, oldest first. */
export interface NameQuery {
  organizationIds: string[];
  query: string;
  isArchived: false;
  sorting: { field: "created_at"; descending: false }[];
  limit: number;
  offset: number;
}

/**
 * The organization's non-archived resource named exactly `name` (the listing's
 * `query` matches part of a name; the exact name is picked here), none, or a
 * SeedError at the entry's name when several are.
 */
export async function liveNamed<T extends { id: string; name: string }>(
  list: (query: NameQuery) => Promise<{ items: T[] }>,
  organizationId: string,
  name: string,
  at: SeedPath,
  plural: string,
): Promise<T | undefined> {
  const sameName = await allPages((page) =>
    list({
      organizationIds: [organizationId],
      query: name,
      isArchived: false,
      sorting: [{ field: "created_at", descending: false }],
      ...page,
    }),
  );
  return onlyMatch(
    sameName.filter((resource) => resource.name === name),
    [...at, "name"],
    `${plural} of this organization are named "${name}"`,
  );
}
