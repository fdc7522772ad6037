// The benefit_grants table, per backend. The unique (customer, benefit,
// subscription) index is what keeps concurrent grants of the same benefit to
// one row.
import type { ModuleMigrations } from "../../platform/storage/migrations.js";

const INDEXES = [
  `create unique index if not exists benefit_grants_identity on benefit_grants (customer_id, benefit_id, subscription_id)`,
  `create index if not exists benefit_grants_org_created on benefit_grants (organization_id, created_at, id)`,
  `create index if not exists benefit_grants_benefit_created on benefit_grants (benefit_id, created_at, id)`,
  `create index if not exists benefit_grants_subscription on benefit_grants (subscription_id)`,
  `create index if not exists benefit_grants_customer_granted on benefit_grants (customer_id) where granted_at is not null`,
];

export const grantsMigrations: ModuleMigrations = {
  sqlite: {
    "0006_benefit_grants": [
      `create table if not exists benefit_grants (
        id text primary key,
        organization_id text not null references organizations (id),
        customer_id text not null references customers (id),
        benefit_id text not null references benefits (id),
        subscription_id text references subscriptions (id),
        created_at integer not null,
        modified_at integer,
        granted_at integer,
        revoked_at integer,
        properties text not null default '{}'
      )`,
      ...INDEXES,
    ],
  },
  postgres: {
    "0006_benefit_grants": [
      `create table if not exists benefit_grants (
        id text collate "C" primary key,
        organization_id text collate "C" not null references organizations (id),
        customer_id text collate "C" not null references customers (id),
        benefit_id text collate "C" not null references benefits (id),
        subscription_id text collate "C" references subscriptions (id),
        created_at timestamptz not null,
        modified_at timestamptz,
        granted_at timestamptz,
        revoked_at timestamptz,
        properties jsonb not null default '{}'
      )`,
      ...INDEXES,
    ],
  },
};
