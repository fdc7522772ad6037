// The benefits table, per backend. Deletion is soft (deleted_at).
import type { ModuleMigrations } from "../../platform/storage/migrations.js";

const LIVE = "where deleted_at is null";
const INDEXES = [
  `create index if not exists benefits_org_created_live on benefits (organization_id, created_at, id) ${LIVE}`,
  `create index if not exists benefits_org_description_live on benefits (organization_id, description_key, id) ${LIVE}`,
  `create index if not exists benefits_meter_live on benefits (meter_id) ${LIVE}`,
];

export const benefitsMigrations: ModuleMigrations = {
  sqlite: {
    "0003_benefits": [
      `create table if not exists benefits (
        id text primary key,
        organization_id text not null references organizations (id),
        created_at integer not null,
        modified_at integer,
        deleted_at integer,
        type text not null,
        description text not null,
        description_key text not null,
        visibility text not null,
        metadata text not null default '{}',
        properties text not null default '{}',
        meter_id text references meters (id)
      )`,
      ...INDEXES,
    ],
  },
  postgres: {
    "0003_benefits": [
      `create table if not exists benefits (
        id text collate "C" primary key,
        organization_id text collate "C" not null references organizations (id),
        created_at timestamptz not null,
        modified_at timestamptz,
        deleted_at timestamptz,
        type text collate "C" not null,
        description text collate "C" not null,
        description_key text collate "C" not null,
        visibility text not null,
        metadata jsonb not null default '{}',
        properties jsonb not null default '{}',
        meter_id text collate "C" references meters (id)
      )`,
      ...INDEXES,
    ],
  },
};
