// PostgreSQL schema, one entry per released version; never edit a shipped step.
// Identifier and key columns use COLLATE "C" so ordering is bytewise and
// identical to SQLite, whatever the database's default locale.
import type { MigrationSteps } from "../kysely/migrate.js";

const LIVE = "where deleted_at is null";

export const postgresMigrations: MigrationSteps = {
  "0001_initial": [
    `create extension if not exists pg_trgm`,
    `create table organizations (
      id text collate "C" primary key,
      name text not null,
      slug text not null unique,
      created_at timestamptz not null,
      deleted_at timestamptz,
      api_access boolean not null default true
    )`,
    `create table users (
      id text collate "C" primary key,
      email text not null,
      email_key text collate "C" not null,
      created_at timestamptz not null
    )`,
    `create unique index users_email_key on users (email_key)`,
    `create table memberships (
      organization_id text collate "C" not null references organizations (id),
      user_id text collate "C" not null references users (id),
      role text not null,
      created_at timestamptz not null,
      deleted_at timestamptz,
      primary key (organization_id, user_id)
    )`,
    `create index memberships_user on memberships (user_id)`,
    `create table access_tokens (
      id text collate "C" primary key,
      kind text not null check (kind in ('organization', 'personal')),
      token_hash text not null unique,
      organization_id text collate "C" references organizations (id),
      user_id text collate "C" references users (id),
      scopes jsonb not null,
      expires_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz not null
    )`,
    `create table customers (
      id text collate "C" primary key,
      organization_id text collate "C" not null references organizations (id),
      created_at timestamptz not null,
      modified_at timestamptz,
      deleted_at timestamptz,
      email text,
      email_verified boolean not null default false,
      type text not null,
      name text,
      billing_name text,
      billing_address jsonb,
      tax_id jsonb,
      locale text,
      external_id text collate "C",
      metadata jsonb not null default '{}',
      default_payment_method_id text,
      first_user_event_at timestamptz,
      email_key text collate "C",
      name_key text collate "C",
      billing_name_key text collate "C",
      external_id_key text collate "C"
    )`,
    `create unique index customers_email_live on customers (organization_id, email_key) ${LIVE}`,
    `create unique index customers_external_id_live on customers (organization_id, external_id) ${LIVE}`,
    `create index customers_created_live on customers (organization_id, created_at desc, id desc) ${LIVE}`,
    `create index customers_email_sort_live on customers (organization_id, email_key, id) ${LIVE}`,
    `create index customers_name_sort_live on customers (organization_id, name_key, id) ${LIVE}`,
    `create index customers_external_id_prefix_live on customers (organization_id, external_id_key) ${LIVE}`,
    `create index customers_search_trgm on customers using gin (
      email_key gin_trgm_ops, name_key gin_trgm_ops, billing_name_key gin_trgm_ops, external_id_key gin_trgm_ops
    ) ${LIVE}`,
    `create table subscriptions (
      id text collate "C" primary key,
      customer_id text collate "C" not null references customers (id),
      status text not null,
      created_at timestamptz not null,
      deleted_at timestamptz
    )`,
    `create index subscriptions_customer on subscriptions (customer_id)`,
    `create table customer_counts (
      organization_id text collate "C" primary key references organizations (id),
      live_count bigint not null
    )`,
  ],
};
