// Row ⇄ record mapping for meters.
import type { Selectable, Updateable } from "kysely";
import { readTimeOrNull, timeOrNull, type Codec } from "../../platform/storage/codec.js";
import { foldKey } from "../../platform/storage/keys.js";
import type { Metadata } from "../customers/index.js";
import type { Aggregation, Filter, MeterChanges, MeterRecord, MeterUnit, NewMeter } from "./model.js";
import type { MetersTable } from "./tables.js";

export const METER_COLUMNS = [
  "id",
  "organization_id",
  "created_at",
  "modified_at",
  "archived_at",
  "name",
  "unit",
  "custom_label",
  "custom_multiplier",
  "filter",
  "aggregation",
  "metadata",
] as const satisfies readonly (keyof MetersTable)[];

export type MeterRow = Pick<Selectable<MetersTable>, (typeof METER_COLUMNS)[number]>;

export function meterFromRow(codec: Codec, row: MeterRow): MeterRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    createdAt: codec.readTime(row.created_at),
    modifiedAt: readTimeOrNull(codec, row.modified_at),
    archivedAt: readTimeOrNull(codec, row.archived_at),
    name: row.name,
    unit: row.unit as MeterUnit,
    customLabel: row.custom_label,
    customMultiplier: row.custom_multiplier === null ? null : Number(row.custom_multiplier),
    filter: codec.readJson(row.filter) as Filter,
    aggregation: codec.readJson(row.aggregation) as Aggregation,
    metadata: codec.readJson(row.metadata) as Metadata,
  };
}

export function meterToRow(codec: Codec, m: NewMeter): MetersTable {
  return {
    id: m.id,
    organization_id: m.organizationId,
    created_at: codec.time(m.createdAt),
    modified_at: null,
    archived_at: null,
    name: m.name,
    name_key: foldKey(m.name)!,
    unit: m.unit,
    custom_label: m.customLabel,
    custom_multiplier: m.customMultiplier,
    filter: codec.json(m.filter),
    aggregation: codec.json(m.aggregation),
    metadata: codec.json(m.metadata),
  };
}

export function meterChangesToRow(codec: Codec, c: MeterChanges): Updateable<MetersTable> {
  const row: Updateable<MetersTable> = {};
  if (c.name !== undefined) {
    row.name = c.name;
    row.name_key = foldKey(c.name)!;
  }
  if (c.unit !== undefined) row.unit = c.unit;
  if (c.customLabel !== undefined) row.custom_label = c.customLabel;
  if (c.customMultiplier !== undefined) row.custom_multiplier = c.customMultiplier;
  if (c.filter !== undefined) row.filter = codec.json(c.filter);
  if (c.aggregation !== undefined) row.aggregation = codec.json(c.aggregation);
  if (c.metadata !== undefined) row.metadata = codec.json(c.metadata);
  if (c.modifiedAt !== undefined) row.modified_at = timeOrNull(codec, c.modifiedAt);
  if (c.archivedAt !== undefined) row.archived_at = timeOrNull(codec, c.archivedAt);
  return row;
}
