// The CustomerMeter response (customer and meter embedded) and the
// CustomerStateMeter item of customer state's `active_meters`. Units and
// balance are floats on the wire (`25.0`), credited units an integer.

import type { JsonSchema } from "../../platform/schema/core.js";
import { formatDateTime, formatNullableDateTime } from "../../platform/schema/datetime.js";
import { JsonFloat } from "../../platform/schema/floats.js";
import { listResource, nullableJson as nullable, responseObject, type ResponseField } from "../../platform/schema/response.js";
import { customerResponse, type CustomerRecord } from "../customers/index.js";
import { meterResponse, type MeterRecord } from "../meters/index.js";
import type { CustomerMeterState } from "./model.js";

const dateTime: JsonSchema = { type: "string", format: "date-time" };
const uuid: JsonSchema = { type: "string", format: "uuid4" };

export interface CustomerMeterView {
  state: CustomerMeterState;
  customer: CustomerRecord;
  meter: MeterRecord;
}

const float = (value: number) => new JsonFloat(value);

const head = <T>(get: (source: T) => CustomerMeterState): ResponseField<T>[] => [
  { key: "id", json: uuid, value: (s) => get(s).id },
  { key: "created_at", json: dateTime, value: (s) => formatDateTime(get(s).createdAt) },
  { key: "modified_at", json: nullable(dateTime), value: (s) => formatNullableDateTime(get(s).modifiedAt) },
];

const numbers = <T>(get: (source: T) => CustomerMeterState): ResponseField<T>[] => [
  { key: "consumed_units", json: { type: "number", title: "Consumed Units" }, value: (s) => float(get(s).consumedUnits) },
  { key: "credited_units", json: { type: "integer", title: "Credited Units" }, value: (s) => get(s).creditedUnits },
  { key: "balance", json: { type: "number", title: "Balance" }, value: (s) => float(get(s).balance) },
];

export const customerMeterResponse = responseObject<CustomerMeterView>("CustomerMeter", [
  ...head<CustomerMeterView>((v) => v.state),
  { key: "customer_id", json: uuid, value: (v) => v.state.customerId },
  { key: "meter_id", json: uuid, value: (v) => v.state.meterId },
  ...numbers<CustomerMeterView>((v) => v.state),
  { key: "customer", json: customerResponse.json, value: (v) => customerResponse.serialize(v.customer) },
  { key: "meter", json: meterResponse.json, value: (v) => meterResponse.serialize(v.meter) },
]);

export const customerMeterListResponse = listResource(customerMeterResponse);

/** State's `active_meters` item: `{id, created_at, modified_at, meter_id, consumed_units, credited_units, balance}`. */
export const customerStateMeterResponse = responseObject<CustomerMeterState>("CustomerStateMeter", [
  ...head<CustomerMeterState>((s) => s),
  { key: "meter_id", json: uuid, value: (s) => s.meterId },
  ...numbers<CustomerMeterState>((s) => s),
]);
