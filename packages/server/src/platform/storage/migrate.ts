// Versioned migrations through Kysely's Migrator: the merged steps of every
// module, run in name order (see migrations.ts).
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from "kysely";
import type { MigrationSteps } from "./migrations.js";

const MIGRATION_TABLE = "schema_migrations";
const MIGRATION_LOCK_TABLE = "schema_migrations_lock";

function provider(steps: MigrationSteps): MigrationProvider {
  return {
    async getMigrations() {
      const migrations: Record<string, Migration> = {};
      for (const [name, statements] of Object.entries(steps)) {
        migrations[name] = {
          async up(db: Kysely<unknown>) {
            for (const statement of statements) await sql.raw(statement).execute(db);
          },
        };
      }
      return migrations;
    },
  };
}

/** Runs the pending steps; returns how many ran. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any table set
export async function migrateToLatest(db: Kysely<any>, steps: MigrationSteps): Promise<number> {
  const migrator = new Migrator({
    db,
    provider: provider(steps),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    // Steps come from independent modules (and branches merged at different
    // times), so a database may have run a later-named step of one module
    // before an earlier-named step of another; each module's own steps still
    // run in name order. Missing steps run, whatever their place.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`storage migration ${failed ?? ""} failed: ${cause}`.replace("  ", " "), { cause: error });
  }
  return results?.filter((r) => r.status === "Success").length ?? 0;
}
