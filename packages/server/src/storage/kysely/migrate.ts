// Versioned migrations through Kysely's Migrator. Each backend passes its own
// ordered list of steps; a step is a list of single SQL statements because
// better-sqlite3 prepares one statement at a time.
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from "kysely";

export type MigrationSteps = Readonly<Record<string, readonly string[]>>;

const MIGRATION_TABLE = "schema_migrations";
const MIGRATION_LOCK_TABLE = "schema_migrations_lock";

function provider(steps: MigrationSteps): MigrationProvider {
  return {
    async getMigrations() {
      const migrations: Record<string, Migration> = {};
      for (const [name, statements] of Object.entries(steps)) {
        migrations[name] = {
          async up(db: Kysely<any>) {
            for (const statement of statements) await sql.raw(statement).execute(db);
          },
        };
      }
      return migrations;
    },
  };
}

export async function migrateToLatest(db: Kysely<any>, steps: MigrationSteps): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: provider(steps),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName;
    const cause = error instanceof Error ? error.message : String(error);
    throw new Error(`storage migration ${failed ?? ""} failed: ${cause}`.replace("  ", " "), { cause: error });
  }
}
