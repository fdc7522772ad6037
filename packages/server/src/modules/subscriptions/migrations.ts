// The subscriptions table, per backend. The customers module's first step
// created a minimal table (id, customer_id, status, created_at, deleted_at)
// that existing databases have; this step adds what a subscription needs.
// Every added column is nullable or defaulted, so rows of that minimal table
// stay valid (and invisible to the API: they have no started_at).
import type { ModuleMigrations } from "../../platform/storage/migrations.js";

const column = (definition: string) => `alter table subscriptions add column ${definition}`;

const BILLABLE = `where status in ('trialing', 'active', 'past_due')`;
const INDEXES = [
  `create index if not exists subscriptions_org_started on subscriptions (organization_id, started_at, id) where started_at is not null`,
  `create index if not exists subscriptions_product on subscriptions (product_id)`,
  // The period-end job: billable subscriptions by period end.
  `create index if not exists subscriptions_due on subscriptions (current_period_end) ${BILLABLE}`,
];

const columns = (time: string, bool: string, json: (empty: string) => string, text: string) => [
  column(`organization_id ${text} references organizations (id)`),
  column(`product_id ${text} references products (id)`),
  column(`modified_at ${time}`),
  column(`amount bigint`),
  column(`currency text`),
  column(`recurring_interval text`),
  column(`recurring_interval_count integer`),
  column(`current_period_start ${time}`),
  column(`current_period_end ${time}`),
  column(`anchor_day integer`),
  column(`trial_start ${time}`),
  column(`trial_end ${time}`),
  column(`cancel_at_period_end ${bool}`),
  column(`canceled_at ${time}`),
  column(`started_at ${time}`),
  column(`ends_at ${time}`),
  column(`ended_at ${time}`),
  column(`past_due_at ${time}`),
  column(`customer_cancellation_reason text`),
  column(`customer_cancellation_comment text`),
  column(`metadata ${json("'{}'")}`),
  column(`price_ids ${json("'[]'")}`),
  column(`meters ${json("'[]'")}`),
  ...INDEXES,
];

export const subscriptionsMigrations: ModuleMigrations = {
  sqlite: { "0005_subscriptions": columns("integer", "integer not null default 0", (empty) => `text not null default ${empty}`, "text") },
  postgres: {
    "0005_subscriptions": columns(
      "timestamptz",
      "boolean not null default false",
      (empty) => `jsonb not null default ${empty}`,
      `text collate "C"`,
    ),
  },
};
