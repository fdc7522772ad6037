// The customer_meters table: one row per customer and meter. Its numbers are
// not stored; they are computed from the events when read.
import type { ModuleMigrations } from "../../platform/storage/migrations.js";

const INDEXES = [
  // One row per (customer, meter), whoever creates it concurrently; also the customer's rows in creation order.
  `create unique index if not exists customer_meters_customer_meter on customer_meters (customer_id, meter_id)`,
  `create index if not exists customer_meters_customer_created on customer_meters (customer_id, created_at, id)`,
  `create index if not exists customer_meters_org_modified on customer_meters (organization_id, modified_at, id)`,
  `create index if not exists customer_meters_org_created on customer_meters (organization_id, created_at, id)`,
  `create index if not exists customer_meters_meter on customer_meters (meter_id)`,
];

export const customerMetersMigrations: ModuleMigrations = {
  sqlite: {
    "0011_customer_meters": [
      `create table if not exists customer_meters (
        id text primary key,
        organization_id text not null references organizations (id),
        customer_id text not null references customers (id),
        meter_id text not null references meters (id),
        created_at integer not null,
        modified_at integer
      )`,
      ...INDEXES,
    ],
  },
  postgres: {
    "0011_customer_meters": [
      `create table if not exists customer_meters (
        id text collate "C" primary key,
        organization_id text collate "C" not null references organizations (id),
        customer_id text collate "C" not null references customers (id),
        meter_id text collate "C" not null references meters (id),
        created_at timestamptz not null,
        modified_at timestamptz
      )`,
      ...INDEXES,
    ],
  },
};
