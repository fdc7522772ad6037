// One row per organization whose test clock has been moved: how far ahead of
// real time it runs. Kept in the database so that a restart, the CLI and
// every server instance on one PostgreSQL see the same time.
import type { ModuleMigrations } from "../../platform/storage/migrations.js";

export const testClockMigrations: ModuleMigrations = {
  sqlite: {
    "0010_test_clocks": [
      `create table if not exists test_clocks (
        organization_id text primary key references organizations (id),
        offset_ms integer not null,
        updated_at integer not null
      )`,
    ],
  },
  postgres: {
    "0010_test_clocks": [
      `create table if not exists test_clocks (
        organization_id text collate "C" primary key references organizations (id),
        offset_ms bigint not null,
        updated_at timestamptz not null
      )`,
    ],
  },
};
