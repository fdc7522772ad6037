// The events table, per backend. Events are never updated.
import type { ModuleMigrations } from "../../platform/storage/migrations.js";

const INDEXES = [
  // Deduplication: one event per external id and organization, whoever inserts concurrently (NULLs never collide).
  `create unique index if not exists events_org_external_id on events (organization_id, external_id)`,
  // A customer's usage window: by customer id, or by the external id the customer has when read.
  `create index if not exists events_customer_ingested on events (customer_id, ingested_at, id)`,
  `create index if not exists events_external_customer_ingested on events (organization_id, external_customer_id, ingested_at, id)`,
  // A customer meter's credits and resets.
  `create index if not exists events_customer_meter on events (customer_id, meter_id, name, timestamp)`,
];

export const eventsMigrations: ModuleMigrations = {
  sqlite: {
    "0010_events": [
      // SQLite's implicit rowid orders events written at the same timestamp (PostgreSQL: seq).
      `create table if not exists events (
        id text primary key,
        organization_id text not null references organizations (id),
        source text not null,
        name text not null,
        timestamp integer not null,
        ingested_at integer not null,
        customer_id text,
        external_customer_id text,
        member_id text,
        external_member_id text,
        external_id text,
        parent_id text,
        meter_id text,
        metadata text not null default '{}'
      )`,
      ...INDEXES,
    ],
  },
  postgres: {
    "0010_events": [
      `create table if not exists events (
        id text collate "C" primary key,
        seq bigserial not null,
        organization_id text collate "C" not null references organizations (id),
        source text not null,
        name text not null,
        timestamp timestamptz not null,
        ingested_at timestamptz not null,
        customer_id text collate "C",
        external_customer_id text collate "C",
        member_id text collate "C",
        external_member_id text,
        external_id text collate "C",
        parent_id text,
        meter_id text collate "C",
        metadata jsonb not null default '{}'
      )`,
      ...INDEXES,
    ],
  },
};
