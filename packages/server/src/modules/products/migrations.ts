// The products tables, per backend. Prices are archived, never deleted
// (subscriptions keep referring to them); a product-benefit pair exists once.
import type { ModuleMigrations } from "../../platform/storage/migrations.js";

const LIVE = "where deleted_at is null";
const INDEXES = [
  `create index if not exists products_org_created_live on products (organization_id, created_at, id) ${LIVE}`,
  `create index if not exists products_org_name_live on products (organization_id, name, id) ${LIVE}`,
  `create index if not exists product_prices_product on product_prices (product_id, created_at, position)`,
  `create index if not exists product_prices_meter on product_prices (meter_id) where meter_id is not null`,
  `create index if not exists product_benefits_benefit on product_benefits (benefit_id)`,
];

export const productsMigrations: ModuleMigrations = {
  sqlite: {
    "0004_products": [
      `create table if not exists products (
        id text primary key,
        organization_id text not null references organizations (id),
        created_at integer not null,
        modified_at integer,
        deleted_at integer,
        name text not null,
        name_key text not null,
        description text,
        visibility text not null,
        recurring_interval text,
        recurring_interval_count integer,
        trial_interval text,
        trial_interval_count integer,
        meter_interval text,
        meter_interval_count integer,
        is_archived integer not null default 0,
        metadata text not null default '{}'
      )`,
      `create table if not exists product_prices (
        id text primary key,
        product_id text not null references products (id),
        created_at integer not null,
        modified_at integer,
        position integer not null,
        amount_type text not null,
        price_currency text not null,
        tax_behavior text,
        is_archived integer not null default 0,
        price_amount integer,
        minimum_amount integer,
        maximum_amount integer,
        preset_amount integer,
        meter_id text references meters (id),
        unit_amount text,
        cap_amount integer
      )`,
      `create table if not exists product_benefits (
        product_id text not null references products (id),
        benefit_id text not null references benefits (id),
        position integer not null,
        primary key (product_id, benefit_id)
      )`,
      ...INDEXES,
    ],
  },
  postgres: {
    "0004_products": [
      `create table if not exists products (
        id text collate "C" primary key,
        organization_id text collate "C" not null references organizations (id),
        created_at timestamptz not null,
        modified_at timestamptz,
        deleted_at timestamptz,
        name text collate "C" not null,
        name_key text collate "C" not null,
        description text,
        visibility text not null,
        recurring_interval text,
        recurring_interval_count integer,
        trial_interval text,
        trial_interval_count integer,
        meter_interval text,
        meter_interval_count integer,
        is_archived boolean not null default false,
        metadata jsonb not null default '{}'
      )`,
      `create table if not exists product_prices (
        id text collate "C" primary key,
        product_id text collate "C" not null references products (id),
        created_at timestamptz not null,
        modified_at timestamptz,
        position integer not null,
        amount_type text collate "C" not null,
        price_currency text not null,
        tax_behavior text,
        is_archived boolean not null default false,
        price_amount bigint,
        minimum_amount bigint,
        maximum_amount bigint,
        preset_amount bigint,
        meter_id text collate "C" references meters (id),
        unit_amount numeric(17, 12),
        cap_amount bigint
      )`,
      `create table if not exists product_benefits (
        product_id text collate "C" not null references products (id),
        benefit_id text collate "C" not null references benefits (id),
        position integer not null,
        primary key (product_id, benefit_id)
      )`,
      ...INDEXES,
    ],
  },
};
