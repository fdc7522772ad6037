import {
  array,
  boolean,
  byType,
  dateTime,
  integer,
  nullable,
  nullish,
  number,
  object,
  optional,
  record,
  string,
  type Decoder,
} from "../../lib/schema.js";
import { customerShape, decodeMetadata } from "./customer.js";
import type { CustomerStateIndividual } from "./customerstateindividual.js";
import type { CustomerStateTeam } from "./customerstateteam.js";

export type { CustomerStateIndividual } from "./customerstateindividual.js";
export type { CustomerStateTeam } from "./customerstateteam.js";

export type CustomerState = CustomerStateIndividual | CustomerStateTeam;

const optionalDate = nullable(dateTime);

const customFieldValue: Decoder<string | number | boolean | null> = (v) =>
  v === null || typeof v === "string" || typeof v === "boolean" ? v : integer(v);

const subscriptionMeter = object({
  created_at: dateTime,
  modified_at: optionalDate,
  id: string,
  consumed_units: number,
  credited_units: integer,
  amount: integer,
  meter_id: string,
});

const subscription = object({
  id: string,
  created_at: dateTime,
  modified_at: optionalDate,
  custom_field_data: optional(record(customFieldValue)),
  metadata: decodeMetadata,
  status: string,
  amount: integer,
  currency: string,
  recurring_interval: string,
  current_period_start: dateTime,
  current_period_end: dateTime,
  trial_start: optionalDate,
  trial_end: optionalDate,
  cancel_at_period_end: boolean,
  canceled_at: optionalDate,
  started_at: optionalDate,
  ends_at: optionalDate,
  product_id: string,
  discount_id: nullable(string),
  meters: array(subscriptionMeter),
});

const text = optional(string);

// Every benefit type's property keys in one shape: each is optional, so one decoder covers the union.
const grantProperties = object({
  account_id: nullish(string),
  guild_id: text,
  role_id: text,
  granted_account_id: text,
  repository_owner: text,
  repository_name: text,
  permission: text,
  files: optional(array(string)),
  user_provided_key: text,
  license_key_id: text,
  display_key: text,
  invited_email: text,
  channel_id: text,
  channel_name: text,
  invite_id: text,
  invite_url: text,
  connected_team_id: text,
});

const benefitGrant = object({
  id: string,
  created_at: dateTime,
  modified_at: optionalDate,
  granted_at: dateTime,
  benefit_id: string,
  benefit_type: string,
  benefit_metadata: decodeMetadata,
  properties: grantProperties,
});

const meter = object({
  id: string,
  created_at: dateTime,
  modified_at: optionalDate,
  meter_id: string,
  consumed_units: number,
  credited_units: integer,
  balance: number,
});

const stateFields = {
  active_subscriptions: array(subscription),
  granted_benefits: array(benefitGrant),
  active_meters: array(meter),
};

export const decodeCustomerState: Decoder<CustomerState> = byType<CustomerState>(
  object({ ...customerShape("individual"), ...stateFields }),
  object({ ...customerShape("team"), ...stateFields }),
);
