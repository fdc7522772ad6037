// Seed files and resets across modules: the accounts module resolves each
// organization entry, every other module loads its own section of it, and a
// reset asks every module to forget one organization's data.
import { MODULES } from "./modules.js";
import { moduleDeps } from "./module-deps.js";
import { ORGANIZATION_SEED_KEYS, seedOrganization } from "./modules/accounts/index.js";
import { servedScopes } from "./modules.js";
import { systemClock, type Clock } from "./platform/clock.js";
import { SeedError, seedEntries, type ModuleSeeder, type SeedCount } from "./platform/seed.js";
import { SeedKeys } from "./platform/seed-keys.js";
import { withinTransaction, type Storage, type Stores } from "./storage.js";

type AnyModule = { name: string; seed?: ModuleSeeder<unknown>; resetOrganization?(store: unknown, organizationId: string): Promise<void> };
const modules = MODULES as readonly AnyModule[];

/**
 * The order sections load in, whatever their order in the file: each after
 * the sections it refers to (a product's meters and benefits, a
 * subscription's product and customer), customers after the meters (a
 * customer with an external id gets a row per meter), and usage events last,
 * after the subscriptions whose meter credits they draw on.
 */
const SECTION_ORDER = ["meters", "benefits", "products", "customers", "subscriptions", "events"];

function orderedSeeders(): ModuleSeeder<unknown>[] {
  const seeders = modules.flatMap((m) => (m.seed ? [m.seed] : []));
  for (const seeder of seeders)
    if (!SECTION_ORDER.includes(seeder.section)) throw new Error(`seed section ${seeder.section} has no place in SECTION_ORDER`);
  return SECTION_ORDER.flatMap((section) => seeders.filter((s) => s.section === section));
}

/** Per section: how many entries were created and how many were already there. */
export type SeedReport = Record<string, SeedCount>;

const TOP_LEVEL_KEYS = ["$schema", "organizations"];

/** Loads a parsed seed document in one transaction: a problem anywhere leaves the database as it was. */
export async function seedDocument(storage: Storage, document: unknown, clock: Clock = systemClock): Promise<SeedReport> {
  if (document === null || typeof document !== "object" || Array.isArray(document))
    throw new SeedError([], 'must be an object like {"organizations": [...]}');
  for (const key of Object.keys(document))
    if (!TOP_LEVEL_KEYS.includes(key)) throw new SeedError([key], `unknown key (expected ${TOP_LEVEL_KEYS.join(", ")})`);
  const seeders = orderedSeeders();
  const knownKeys: string[] = [...ORGANIZATION_SEED_KEYS, ...seeders.map((s) => s.section)];
  const report: SeedReport = { organizations: { created: 0, existing: 0 }, tokens: { created: 0, existing: 0 } };
  for (const seeder of seeders) report[seeder.section] = { created: 0, existing: 0 };
  const entries = seedEntries((document as Record<string, unknown>).organizations ?? [], ["organizations"]);
  await storage.transaction(async (tx) => {
    // The services and cross-module reactions of the API, on this one transaction.
    const deps = moduleDeps(withinTransaction(storage, tx), clock);
    for (const [index, entry] of entries.entries()) {
      const path = ["organizations", index];
      for (const key of Object.keys(entry))
        if (!knownKeys.includes(key)) throw new SeedError([...path, key], `unknown key (expected ${knownKeys.join(", ")})`);
      const seeded = await seedOrganization(tx, entry, path, servedScopes());
      add(report.organizations, seeded.created ? { created: 1, existing: 0 } : { created: 0, existing: 1 });
      add(report.tokens, seeded.tokens);
      const organization = { id: seeded.organization.id, keys: new SeedKeys() };
      for (const seeder of seeders) {
        if (entry[seeder.section] !== undefined)
          add(report[seeder.section], await seeder.apply(deps, organization, entry[seeder.section], [...path, seeder.section]));
      }
    }
  });
  return report;
}

function add(total: SeedCount, more: SeedCount): void {
  total.created += more.created;
  total.existing += more.existing;
}

/** Every module's data of these organizations, in one transaction; the organizations and their tokens stay. */
export async function resetOrganizations(storage: Storage, organizationIds: readonly string[]): Promise<void> {
  await storage.transaction(async (tx: Stores) => {
    const stores = tx as unknown as Record<string, unknown>;
    // Later modules' tables may reference earlier ones', so they go first.
    for (const module of [...modules].reverse()) {
      if (!module.resetOrganization) continue;
      for (const id of organizationIds) await module.resetOrganization(stores[module.name], id);
    }
  });
}
