// Point lookups within one organization go through these expression indexes
// (see dialects.ts, lookupKey): the query then names no bare organization_id,
// so a planner without statistics cannot choose to walk an organization's
// (organization_id, …) index instead. Uniqueness stays with the unique indexes.
const LOOKUP_KEY_INDEXES = [
  `create index customers_email_lookup on customers ((organization_id || ':' || email_key)) ${"where deleted_at is null"}`,
  `create index customers_external_id_lookup on customers ((organization_id || ':' || external_id)) ${"where deleted_at is null"}`,
];

// The customers tables, per backend. Until the module layout these statements
// were part of the single "0001_initial" step; databases created then already
// have them, so this step only creates what is missing ("if not exists").
// Never edit a shipped step, add a new one. PostgreSQL key columns use
// COLLATE "C" so ordering is bytewise and identical to SQLite.
import type { ModuleMigrations } from "../../platform/storage/migrations.js";

const LIVE = "where deleted_at is null";

export const customersMigrations: ModuleMigrations = {
  sqlite: {
    "0001_initial_customers": [
      // seq is an explicit rowid alias: the FTS index refers to rows by rowid and
      // an implicit rowid may be renumbered by VACUUM.
      `create table if not exists customers (
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
      `create unique index if not exists customers_email_live on customers (organization_id, email_key) ${LIVE}`,
      `create unique index if not exists customers_external_id_live on customers (organization_id, external_id) ${LIVE}`,
      `create index if not exists customers_created_live on customers (organization_id, created_at desc, id desc) ${LIVE}`,
      `create index if not exists customers_email_sort_live on customers (organization_id, (email_key is null), email_key, id) ${LIVE}`,
      `create index if not exists customers_name_sort_live on customers (organization_id, (name_key is null), name_key, id) ${LIVE}`,
      // Substring search over the lower-cased keys of live customers only.
      `create virtual table if not exists customers_fts using fts5(
        email_key, name_key, billing_name_key, external_id_key,
        content = 'customers', content_rowid = 'seq', tokenize = 'trigram case_sensitive 1'
      )`,
      `create trigger if not exists customers_fts_insert after insert on customers when new.deleted_at is null begin
        insert into customers_fts (rowid, email_key, name_key, billing_name_key, external_id_key)
        values (new.seq, new.email_key, new.name_key, new.billing_name_key, new.external_id_key);
      end`,
      `create trigger if not exists customers_fts_update
        after update of email_key, name_key, billing_name_key, external_id_key, deleted_at on customers begin
        insert into customers_fts (customers_fts, rowid, email_key, name_key, billing_name_key, external_id_key)
        select 'delete', old.seq, old.email_key, old.name_key, old.billing_name_key, old.external_id_key
        where old.deleted_at is null;
        insert into customers_fts (rowid, email_key, name_key, billing_name_key, external_id_key)
        select new.seq, new.email_key, new.name_key, new.billing_name_key, new.external_id_key
        where new.deleted_at is null;
      end`,
      `create trigger if not exists customers_fts_delete after delete on customers when old.deleted_at is null begin
        insert into customers_fts (customers_fts, rowid, email_key, name_key, billing_name_key, external_id_key)
        values ('delete', old.seq, old.email_key, old.name_key, old.billing_name_key, old.external_id_key);
      end`,
      `create table if not exists subscriptions (
        id text primary key,
        customer_id text not null references customers (id),
        status text not null,
        created_at integer not null,
        deleted_at integer
      )`,
      `create index if not exists subscriptions_customer on subscriptions (customer_id)`,
      `create table if not exists customer_counts (
        organization_id text primary key references organizations (id),
        live_count integer not null
      )`,
    ],
    "0002_customers_lookup_keys": LOOKUP_KEY_INDEXES,
    // PostgreSQL's search index changed; SQLite's FTS table already serves the search.
    "0003_customers_search_text": [],
    // SQLite cannot change a primary key in place: copy into the new shape (see COUNT_SLOTS in counts.ts).
    "0004_customers_count_slots": [
      `create table customer_counts_slotted (
        organization_id text not null references organizations (id),
        slot integer not null,
        live_count integer not null,
        primary key (organization_id, slot)
      )`,
      `insert into customer_counts_slotted (organization_id, slot, live_count) select organization_id, 0, live_count from customer_counts`,
      `drop table customer_counts`,
      `alter table customer_counts_slotted rename to customer_counts`,
    ],
  },
  postgres: {
    "0001_initial_customers": [
      `create extension if not exists pg_trgm`,
      `create table if not exists customers (
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
      `create unique index if not exists customers_email_live on customers (organization_id, email_key) ${LIVE}`,
      `create unique index if not exists customers_external_id_live on customers (organization_id, external_id) ${LIVE}`,
      `create index if not exists customers_created_live on customers (organization_id, created_at desc, id desc) ${LIVE}`,
      `create index if not exists customers_email_sort_live on customers (organization_id, email_key, id) ${LIVE}`,
      `create index if not exists customers_name_sort_live on customers (organization_id, name_key, id) ${LIVE}`,
      `create index if not exists customers_external_id_prefix_live on customers (organization_id, external_id_key) ${LIVE}`,
      `create index if not exists customers_search_trgm on customers using gin (
        email_key gin_trgm_ops, name_key gin_trgm_ops, billing_name_key gin_trgm_ops, external_id_key gin_trgm_ops
      ) ${LIVE}`,
      `create table if not exists subscriptions (
        id text collate "C" primary key,
        customer_id text collate "C" not null references customers (id),
        status text not null,
        created_at timestamptz not null,
        deleted_at timestamptz
      )`,
      `create index if not exists subscriptions_customer on subscriptions (customer_id)`,
      `create table if not exists customer_counts (
        organization_id text collate "C" primary key references organizations (id),
        live_count bigint not null
      )`,
    ],
    "0002_customers_lookup_keys": LOOKUP_KEY_INDEXES,
    // Search through one trigram index over one text and an organization:external-id-key
    // prefix index (SEARCH_TEXT and EXTERNAL_ID_KEY_PREFIX in dialects.ts must stay these
    // exact expressions): the planner never combined the four-column trigram index of
    // 0001 for the OR of four LIKEs, and scanned the organization instead.
    "0003_customers_search_text": [
      `create index if not exists customers_search_text_trgm on customers using gin (
        (coalesce(email_key, '') || E'\\n' || coalesce(name_key, '') || E'\\n' || coalesce(billing_name_key, '')) gin_trgm_ops
      ) ${LIVE}`,
      `create index if not exists customers_external_id_key_prefix on customers ((organization_id || ':' || external_id_key)) ${LIVE}`,
      `drop index if exists customers_search_trgm`,
    ],
    // One counter row per (organization, slot), summed when read: concurrent creates each
    // lock one of several rows instead of queueing on a single one until commit.
    "0004_customers_count_slots": [
      `alter table customer_counts add column slot integer not null default 0`,
      `alter table customer_counts drop constraint customer_counts_pkey`,
      `alter table customer_counts add primary key (organization_id, slot)`,
      `alter table customer_counts alter column slot drop default`,
    ],
  },
};
