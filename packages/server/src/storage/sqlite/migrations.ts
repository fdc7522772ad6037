// SQLite schema, one entry per released version; never edit a shipped step.
import type { MigrationSteps } from "../kysely/migrate.js";

const LIVE = "where deleted_at is null";

export const sqliteMigrations: MigrationSteps = {
  "0001_initial": [
    `create table organizations (
      id text primary key,
      name text not null,
      slug text not null unique,
      created_at integer not null,
      deleted_at integer,
      api_access integer not null default 1
    )`,
    `create table users (
      id text primary key,
      email text not null,
      email_key text not null,
      created_at integer not null
    )`,
    `create unique index users_email_key on users (email_key)`,
    `create table memberships (
      organization_id text not null references organizations (id),
      user_id text not null references users (id),
      role text not null,
      created_at integer not null,
      deleted_at integer,
      primary key (organization_id, user_id)
    )`,
    `create index memberships_user on memberships (user_id)`,
    `create table access_tokens (
      id text primary key,
      kind text not null check (kind in ('organization', 'personal')),
      token_hash text not null unique,
      organization_id text references organizations (id),
      user_id text references users (id),
      scopes text not null,
      expires_at integer,
      revoked_at integer,
      created_at integer not null
    )`,
    // seq is an explicit rowid alias: the FTS index refers to rows by rowid and
    // an implicit rowid may be renumbered by VACUUM.
    `create table customers (
      seq integer primary key,
      id text not null unique,
      organization_id text not null references organizations (id),
      created_at integer not null,
      modified_at integer,
      deleted_at integer,
      email text,
      email_verified integer not null default 0,
      type text not null,
      name text,
      billing_name text,
      billing_address text,
      tax_id text,
      locale text,
      external_id text,
      metadata text not null default '{}',
      default_payment_method_id text,
      first_user_event_at integer,
      email_key text,
      name_key text,
      billing_name_key text,
      external_id_key text
    )`,
    `create unique index customers_email_live on customers (organization_id, email_key) ${LIVE}`,
    `create unique index customers_external_id_live on customers (organization_id, external_id) ${LIVE}`,
    `create index customers_created_live on customers (organization_id, created_at desc, id desc) ${LIVE}`,
    `create index customers_email_sort_live on customers (organization_id, (email_key is null), email_key, id) ${LIVE}`,
    `create index customers_name_sort_live on customers (organization_id, (name_key is null), name_key, id) ${LIVE}`,
    // Substring search over the lower-cased keys of live customers only.
    `create virtual table customers_fts using fts5(
      email_key, name_key, billing_name_key, external_id_key,
      content = 'customers', content_rowid = 'seq', tokenize = 'trigram case_sensitive 1'
    )`,
    `create trigger customers_fts_insert after insert on customers when new.deleted_at is null begin
      insert into customers_fts (rowid, email_key, name_key, billing_name_key, external_id_key)
      values (new.seq, new.email_key, new.name_key, new.billing_name_key, new.external_id_key);
    end`,
    `create trigger customers_fts_update
      after update of email_key, name_key, billing_name_key, external_id_key, deleted_at on customers begin
      insert into customers_fts (customers_fts, rowid, email_key, name_key, billing_name_key, external_id_key)
      select 'delete', old.seq, old.email_key, old.name_key, old.billing_name_key, old.external_id_key
      where old.deleted_at is null;
      insert into customers_fts (rowid, email_key, name_key, billing_name_key, external_id_key)
      select new.seq, new.email_key, new.name_key, new.billing_name_key, new.external_id_key
      where new.deleted_at is null;
    end`,
    `create trigger customers_fts_delete after delete on customers when old.deleted_at is null begin
      insert into customers_fts (customers_fts, rowid, email_key, name_key, billing_name_key, external_id_key)
      values ('delete', old.seq, old.email_key, old.name_key, old.billing_name_key, old.external_id_key);
    end`,
    `create table subscriptions (
      id text primary key,
      customer_id text not null references customers (id),
      status text not null,
      created_at integer not null,
      deleted_at integer
    )`,
    `create index subscriptions_customer on subscriptions (customer_id)`,
    `create table customer_counts (
      organization_id text primary key references organizations (id),
      live_count integer not null
    )`,
  ],
};
