// WebhookEndpoint, WebhookEvent and WebhookDelivery, keys in Polar's order.
import type { JsonSchema } from "../../platform/schema/core.js";
import { formatDateTime, formatNullableDateTime } from "../../platform/schema/datetime.js";
import { listResource, nullableJson as nullable, responseObject } from "../../platform/schema/response.js";
import { WEBHOOK_EVENT_TYPES, WEBHOOK_FORMATS, type DeliveryRecord, type EndpointRecord, type WebhookEventRecord } from "./model.js";

const dateTime: JsonSchema = { type: "string", format: "date-time" };
const uuid: JsonSchema = { type: "string", format: "uuid4" };
const str: JsonSchema = { type: "string" };
const int: JsonSchema = { type: "integer" };
const bool: JsonSchema = { type: "boolean" };
const eventType: JsonSchema = { type: "string", enum: [...WEBHOOK_EVENT_TYPES], title: "WebhookEventType" };

export const endpointResponse = responseObject<EndpointRecord>("WebhookEndpoint", [
  { key: "created_at", json: dateTime, value: (e) => formatDateTime(e.createdAt) },
  { key: "modified_at", json: nullable(dateTime), value: (e) => formatNullableDateTime(e.modifiedAt) },
  { key: "id", json: uuid, value: (e) => e.id },
  { key: "url", json: str, value: (e) => e.url },
  { key: "name", json: nullable(str), value: (e) => e.name },
  { key: "format", json: { type: "string", enum: [...WEBHOOK_FORMATS], title: "WebhookFormat" }, value: (e) => e.format },
  { key: "secret", json: str, value: (e) => e.secret },
  { key: "organization_id", json: uuid, value: (e) => e.organizationId },
  { key: "events", json: { type: "array", items: eventType }, value: (e) => e.events },
  { key: "enabled", json: bool, value: (e) => e.enabled },
]);

export const endpointListResponse = listResource(endpointResponse);

export const eventResponse = responseObject<WebhookEventRecord>("WebhookEvent", [
  { key: "created_at", json: dateTime, value: (e) => formatDateTime(e.createdAt) },
  { key: "modified_at", json: nullable(dateTime), value: (e) => formatNullableDateTime(e.modifiedAt) },
  { key: "id", json: uuid, value: (e) => e.id },
  { key: "last_http_code", json: nullable(int), value: (e) => e.lastHttpCode },
  { key: "succeeded", json: nullable(bool), value: (e) => e.succeeded },
  { key: "skipped", json: bool, value: (e) => e.skipped },
  { key: "payload", json: nullable(str), value: (e) => e.payload },
  { key: "type", json: eventType, value: (e) => e.type },
  // Payloads are never pruned here yet, and a deferred event without one is simply not rendered yet.
  { key: "is_archived", json: bool, value: () => false },
]);

export const deliveryResponse = responseObject<DeliveryRecord>("WebhookDelivery", [
  { key: "created_at", json: dateTime, value: (d) => formatDateTime(d.createdAt) },
  { key: "modified_at", json: nullable(dateTime), value: () => null },
  { key: "id", json: uuid, value: (d) => d.id },
  { key: "succeeded", json: bool, value: (d) => d.succeeded },
  { key: "http_code", json: nullable(int), value: (d) => d.httpCode },
  { key: "response", json: nullable(str), value: (d) => d.response },
  { key: "webhook_event", json: eventResponse.json, value: (d) => eventResponse.serialize(d.event) },
]);

export const deliveryListResponse = listResource(deliveryResponse);
