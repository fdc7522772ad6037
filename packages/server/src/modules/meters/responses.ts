// The Meter response: one ordered field list drives both the JSON we send and
// the schema we publish.
import type { JsonSchema } from "../../platform/schema/core.js";
import { ref } from "../../platform/schema/component.js";
import { formatDateTime, formatNullableDateTime } from "../../platform/schema/datetime.js";
import { listResource, nullableJson as nullable, responseObject } from "../../platform/schema/response.js";
import { METADATA_JSON } from "../customers/index.js";
import { METER_UNITS, isFilter, type Aggregation, type Filter, type FilterClause, type MeterRecord } from "./model.js";
import { FILTER, aggregation } from "./requests.js";

const dateTime: JsonSchema = { type: "string", format: "date-time" };
const uuid: JsonSchema = { type: "string", format: "uuid4" };

export const METER_UNIT_JSON: JsonSchema = { type: "string", enum: [...METER_UNITS], title: "MeterUnit" };

/** Keys in Polar's model order: clauses `{property, operator, value}`, filters `{conjunction, clauses}`. */
export function filterJson(node: Filter | FilterClause): unknown {
  if (isFilter(node)) return { conjunction: node.conjunction, clauses: node.clauses.map(filterJson) };
  return { property: node.property, operator: node.operator, value: node.value };
}

export const aggregationJson = (a: Aggregation): unknown =>
  a.func === "count" ? { func: "count" } : { func: a.func, property: a.property };

export const meterResponse = responseObject<MeterRecord>("Meter", [
  { key: "metadata", json: METADATA_JSON, value: (m) => m.metadata },
  { key: "created_at", json: dateTime, value: (m) => formatDateTime(m.createdAt) },
  { key: "modified_at", json: nullable(dateTime), value: (m) => formatNullableDateTime(m.modifiedAt) },
  { key: "id", json: uuid, value: (m) => m.id },
  { key: "name", json: { type: "string" }, value: (m) => m.name },
  { key: "unit", json: METER_UNIT_JSON, value: (m) => m.unit },
  { key: "custom_label", json: nullable({ type: "string" }), value: (m) => m.customLabel },
  { key: "custom_multiplier", json: nullable({ type: "integer" }), value: (m) => m.customMultiplier },
  { key: "filter", json: ref(FILTER), value: (m) => filterJson(m.filter) },
  { key: "aggregation", json: aggregation.json, value: (m) => aggregationJson(m.aggregation) },
  { key: "organization_id", json: uuid, value: (m) => m.organizationId },
  { key: "archived_at", json: nullable(dateTime), value: (m) => formatNullableDateTime(m.archivedAt) },
]);

export const meterListResponse = listResource(meterResponse);
