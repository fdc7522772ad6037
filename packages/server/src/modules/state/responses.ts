// The CustomerState response: every Customer field, then what the customer has.
import type { JsonSchema } from "../../platform/schema/core.js";
import { JsonFloat } from "../../platform/schema/floats.js";
import { nullableJson as nullable, responseObject, type ResponseField } from "../../platform/schema/response.js";
import { customerResponse, type CustomerRecord } from "../customers/index.js";
import { stateGrantResponse, type StateGrant } from "../grants/index.js";
import { stateSubscriptionResponse, type ActiveMeter, type StateSubscriptionView } from "../subscriptions/index.js";

export interface CustomerStateView {
  customer: CustomerRecord;
  subscriptions: StateSubscriptionView[];
  grants: StateGrant[];
  meters: ActiveMeter[];
}

const dateTime: JsonSchema = { type: "string", format: "date-time" };
const uuid: JsonSchema = { type: "string", format: "uuid4" };

const stateMeterResponse = responseObject<ActiveMeter>("CustomerStateMeter", [
  { key: "id", json: uuid, value: (m) => m.id },
  { key: "created_at", json: dateTime, value: (m) => m.created_at },
  { key: "modified_at", json: nullable(dateTime), value: (m) => m.modified_at },
  { key: "meter_id", json: uuid, value: (m) => m.meter_id },
  { key: "consumed_units", json: { type: "number" }, value: (m) => new JsonFloat(m.consumed_units) },
  { key: "credited_units", json: { type: "integer" }, value: (m) => m.credited_units },
  { key: "balance", json: { type: "number" }, value: (m) => new JsonFloat(m.balance) },
]);

const customerFields = customerResponse.fields.map((f): ResponseField<CustomerStateView> => ({
  key: f.key,
  json: f.json,
  value: (v) => f.value(v.customer),
}));

export const customerStateResponse = responseObject<CustomerStateView>("CustomerState", [
  ...customerFields,
  {
    key: "active_subscriptions",
    json: { type: "array", items: stateSubscriptionResponse.json },
    value: (v) => v.subscriptions.map((s) => stateSubscriptionResponse.serialize(s)),
  },
  {
    key: "granted_benefits",
    json: { type: "array", items: stateGrantResponse.json },
    value: (v) => v.grants.map((g) => stateGrantResponse.serialize(g)),
  },
  {
    key: "active_meters",
    json: { type: "array", items: stateMeterResponse.json },
    value: (v) => v.meters.map((m) => stateMeterResponse.serialize(m)),
  },
]);
