// The meters table, per backend. Meters are never deleted, only archived.
import type { ModuleMigrations } from "../../platform/storage/migrations.js";

const INDEXES = [
  // Lookup by id happens within the caller's organizations; lists sort by name (default) or creation.
  `create index if not exists meters_org_name on meters (organization_id, name, id)`,
  `create index if not exists meters_org_created on meters (organization_id, created_at, id)`,
];

export const metersMigrations: ModuleMigrations = {
  sqlite: {
    "0002_meters": [
      `create table if not exists meters (
        id text primary key,
        organization_id text not null references organizations (id),
        created_at integer not null,
        modified_at integer,
        archived_at integer,
        name text not null,
        name_key text not null,
        unit text not null,
        custom_label text,
        custom_multiplier integer,
        filter text not null,
        aggregation text not null,
        metadata text not null default '{}'
      )`,
      ...INDEXES,
    ],
  },
  postgres: {
    "0002_meters": [
      `create table if not exists meters (
        id text collate "C" primary key,
        organization_id text collate "C" not null references organizations (id),
        created_at timestamptz not null,
        modified_at timestamptz,
        archived_at timestamptz,
        name text collate "C" not null,
        name_key text collate "C" not null,
        unit text not null,
        custom_label text,
        custom_multiplier bigint,
        filter jsonb not null,
        aggregation jsonb not null,
        metadata jsonb not null default '{}'
      )`,
      ...INDEXES,
    ],
  },
};
