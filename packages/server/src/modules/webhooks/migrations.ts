// The webhooks tables, per backend: endpoints (soft-deleted), events (one row
// per event and endpoint, which is also the outbox the dispatcher reads) and
// deliveries (one row per HTTP attempt).
import type { ModuleMigrations } from "../../platform/storage/migrations.js";

const INDEXES = [
  "create index if not exists webhook_endpoints_org_created_live on webhook_endpoints (organization_id, created_at, id) where deleted_at is null",
  // The dispatcher's hot query: what is due, oldest first.
  "create index if not exists webhook_events_due on webhook_events (next_attempt_at) where next_attempt_at is not null",
  "create unique index if not exists webhook_events_debounce on webhook_events (endpoint_id, debounce_key) where debounce_key is not null",
  "create index if not exists webhook_events_endpoint_finished on webhook_events (endpoint_id, finished_at)",
  "create index if not exists webhook_deliveries_org_created on webhook_deliveries (organization_id, created_at, id)",
  "create index if not exists webhook_deliveries_endpoint_created on webhook_deliveries (endpoint_id, created_at, id)",
  "create index if not exists webhook_deliveries_event on webhook_deliveries (event_id)",
  "create index if not exists webhook_deliveries_created on webhook_deliveries (created_at, id)",
];

const tables = (t: { id: string; time: string; bool: string; json: string }) => [
  `create table if not exists webhook_endpoints (
    id ${t.id} primary key,
    organization_id ${t.id} not null references organizations (id),
    created_at ${t.time} not null,
    modified_at ${t.time},
    deleted_at ${t.time},
    url text not null,
    name text,
    format text not null,
    secret text not null,
    events ${t.json} not null,
    enabled ${t.bool} not null
  )`,
  `create table if not exists webhook_events (
    id ${t.id} primary key,
    endpoint_id ${t.id} not null references webhook_endpoints (id),
    organization_id ${t.id} not null,
    created_at ${t.time} not null,
    modified_at ${t.time},
    type text not null,
    payload text,
    subject_id text,
    debounce_key text,
    debounce_until ${t.time},
    last_http_code integer,
    succeeded ${t.bool},
    skipped ${t.bool} not null,
    attempts integer not null,
    finished_at ${t.time},
    next_attempt_at ${t.time},
    lease_token text,
    redeliver ${t.bool} not null
  )`,
  `create table if not exists webhook_deliveries (
    id ${t.id} primary key,
    event_id ${t.id} not null references webhook_events (id),
    endpoint_id ${t.id} not null,
    organization_id ${t.id} not null,
    created_at ${t.time} not null,
    succeeded ${t.bool} not null,
    http_code integer,
    response text,
    duration_ms integer not null,
    attempt integer not null
  )`,
  ...INDEXES,
];

export const webhooksMigrations: ModuleMigrations = {
  sqlite: { "0020_webhooks": tables({ id: "text", time: "integer", bool: "integer", json: "text" }) },
  postgres: { "0020_webhooks": tables({ id: 'text collate "C"', time: "timestamptz", bool: "boolean", json: "jsonb" }) },
};
