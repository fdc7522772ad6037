// Row ⇄ record mapping for events.
import type { Selectable } from "kysely";
import type { Codec } from "../../platform/storage/codec.js";
import type { EventRecord, EventSource } from "./model.js";
import type { EventsTable } from "./tables.js";

export const EVENT_COLUMNS = [
  "id",
  "organization_id",
  "source",
  "name",
  "timestamp",
  "ingested_at",
  "customer_id",
  "external_customer_id",
  "member_id",
  "external_member_id",
  "external_id",
  "parent_id",
  "meter_id",
  "metadata",
] as const satisfies readonly (keyof EventsTable)[];

export type EventRow = Pick<Selectable<EventsTable>, (typeof EVENT_COLUMNS)[number]>;

export function eventFromRow(codec: Codec, row: EventRow): EventRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    source: row.source as EventSource,
    name: row.name,
    timestamp: codec.readTime(row.timestamp),
    ingestedAt: codec.readTime(row.ingested_at),
    customerId: row.customer_id,
    externalCustomerId: row.external_customer_id,
    memberId: row.member_id,
    externalMemberId: row.external_member_id,
    externalId: row.external_id,
    parentId: row.parent_id,
    meterId: row.meter_id,
    metadata: codec.readJson(row.metadata) as Record<string, unknown>,
  };
}

export function eventToRow(codec: Codec, e: EventRecord): EventsTable {
  return {
    id: e.id,
    organization_id: e.organizationId,
    source: e.source,
    name: e.name,
    timestamp: codec.time(e.timestamp),
    ingested_at: codec.time(e.ingestedAt),
    customer_id: e.customerId,
    external_customer_id: e.externalCustomerId,
    member_id: e.memberId,
    external_member_id: e.externalMemberId,
    external_id: e.externalId,
    parent_id: e.parentId,
    meter_id: e.meterId,
    metadata: codec.json(e.metadata),
  };
}
