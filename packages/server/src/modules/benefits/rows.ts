// Row ⇄ record mapping for benefits.
import type { Selectable, Updateable } from "kysely";
import { readTimeOrNull, timeOrNull, type Codec } from "../../platform/storage/codec.js";
import { foldKey } from "../../platform/storage/keys.js";
import type { Metadata } from "../customers/index.js";
import {
  creditedMeterId,
  type BenefitChanges,
  type BenefitProperties,
  type BenefitRecord,
  type BenefitType,
  type BenefitVisibility,
  type NewBenefit,
} from "./model.js";
import type { BenefitsTable } from "./tables.js";

export const BENEFIT_COLUMNS = [
  "id",
  "organization_id",
  "created_at",
  "modified_at",
  "deleted_at",
  "type",
  "description",
  "visibility",
  "metadata",
  "properties",
] as const satisfies readonly (keyof BenefitsTable)[];

export type BenefitRow = Pick<Selectable<BenefitsTable>, (typeof BENEFIT_COLUMNS)[number]>;

export function benefitFromRow(codec: Codec, row: BenefitRow): BenefitRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    createdAt: codec.readTime(row.created_at),
    modifiedAt: readTimeOrNull(codec, row.modified_at),
    deletedAt: readTimeOrNull(codec, row.deleted_at),
    type: row.type as BenefitType,
    description: row.description,
    visibility: row.visibility as BenefitVisibility,
    metadata: codec.readJson(row.metadata) as Metadata,
    properties: codec.readJson(row.properties) as BenefitProperties,
  };
}

export function benefitToRow(codec: Codec, b: NewBenefit): BenefitsTable {
  return {
    id: b.id,
    organization_id: b.organizationId,
    created_at: codec.time(b.createdAt),
    modified_at: null,
    deleted_at: null,
    type: b.type,
    description: b.description,
    description_key: foldKey(b.description)!,
    visibility: b.visibility,
    metadata: codec.json(b.metadata),
    properties: codec.json(b.properties),
    meter_id: creditedMeterId(b.type, b.properties),
  };
}

export function benefitChangesToRow(codec: Codec, type: BenefitType, c: BenefitChanges): Updateable<BenefitsTable> {
  const row: Updateable<BenefitsTable> = {};
  if (c.description !== undefined) {
    row.description = c.description;
    row.description_key = foldKey(c.description)!;
  }
  if (c.visibility !== undefined) row.visibility = c.visibility;
  if (c.metadata !== undefined) row.metadata = codec.json(c.metadata);
  if (c.properties !== undefined) {
    row.properties = codec.json(c.properties);
    row.meter_id = creditedMeterId(type, c.properties);
  }
  if (c.modifiedAt !== undefined) row.modified_at = timeOrNull(codec, c.modifiedAt);
  if (c.deletedAt !== undefined) row.deleted_at = timeOrNull(codec, c.deletedAt);
  return row;
}
