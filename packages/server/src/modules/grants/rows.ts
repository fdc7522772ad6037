// Row ⇄ record mapping for benefit grants.
import type { Selectable } from "kysely";
import { readTimeOrNull, type Codec } from "../../platform/storage/codec.js";
import type { GrantRecord } from "./model.js";
import type { BenefitGrantsTable } from "./tables.js";

export const GRANT_COLUMNS = [
  "id",
  "organization_id",
  "customer_id",
  "benefit_id",
  "subscription_id",
  "created_at",
  "modified_at",
  "granted_at",
  "revoked_at",
  "properties",
] as const satisfies readonly (keyof BenefitGrantsTable)[];

export type GrantRow = Pick<Selectable<BenefitGrantsTable>, (typeof GRANT_COLUMNS)[number]>;

export function grantFromRow(codec: Codec, row: GrantRow): GrantRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    customerId: row.customer_id,
    benefitId: row.benefit_id,
    subscriptionId: row.subscription_id,
    createdAt: codec.readTime(row.created_at),
    modifiedAt: readTimeOrNull(codec, row.modified_at),
    grantedAt: readTimeOrNull(codec, row.granted_at),
    revokedAt: readTimeOrNull(codec, row.revoked_at),
    properties: codec.readJson(row.properties) as Record<string, unknown>,
  };
}
