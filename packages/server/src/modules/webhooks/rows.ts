// Row ⇄ record mapping for the webhooks tables.
import type { Selectable } from "kysely";
import { readTimeOrNull, type Codec } from "../../platform/storage/codec.js";
import type { DeliveryRecord, EndpointRecord, WebhookEventRecord, WebhookEventType, WebhookFormat } from "./model.js";
import type { WebhookDeliveriesTable, WebhookEndpointsTable, WebhookEventsTable } from "./tables.js";

export function endpointFromRow(codec: Codec, row: Selectable<WebhookEndpointsTable>): EndpointRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    createdAt: codec.readTime(row.created_at),
    modifiedAt: readTimeOrNull(codec, row.modified_at),
    deletedAt: readTimeOrNull(codec, row.deleted_at),
    url: row.url,
    name: row.name,
    format: row.format as WebhookFormat,
    secret: row.secret,
    events: codec.readJson(row.events) as WebhookEventType[],
    enabled: codec.readBool(row.enabled),
  };
}

export const EVENT_COLUMNS = [
  "id",
  "endpoint_id",
  "organization_id",
  "created_at",
  "modified_at",
  "type",
  "payload",
  "last_http_code",
  "succeeded",
  "skipped",
  "attempts",
] as const satisfies readonly (keyof WebhookEventsTable)[];

export type EventRow = Pick<Selectable<WebhookEventsTable>, (typeof EVENT_COLUMNS)[number]>;

export function eventFromRow(codec: Codec, row: EventRow): WebhookEventRecord {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    organizationId: row.organization_id,
    createdAt: codec.readTime(row.created_at),
    modifiedAt: readTimeOrNull(codec, row.modified_at),
    type: row.type as WebhookEventType,
    payload: row.payload,
    lastHttpCode: row.last_http_code,
    succeeded: row.succeeded === null ? null : codec.readBool(row.succeeded),
    skipped: codec.readBool(row.skipped),
    attempts: Number(row.attempts),
  };
}

export function deliveryFromRow(codec: Codec, row: Selectable<WebhookDeliveriesTable>, event: WebhookEventRecord): DeliveryRecord {
  return {
    id: row.id,
    eventId: row.event_id,
    endpointId: row.endpoint_id,
    organizationId: row.organization_id,
    createdAt: codec.readTime(row.created_at),
    succeeded: codec.readBool(row.succeeded),
    httpCode: row.http_code,
    response: row.response,
    durationMs: Number(row.duration_ms),
    attempt: Number(row.attempt),
    event,
  };
}
