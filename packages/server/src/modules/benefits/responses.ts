// The Benefit response: a union discriminated by `type`, one published object
// per type, each with its own `properties` shape.
import type { JsonSchema } from "../../platform/schema/core.js";
import { component, ref } from "../../platform/schema/component.js";
import { formatDateTime, formatNullableDateTime } from "../../platform/schema/datetime.js";
import {
  listResource,
  nullableJson as nullable,
  responseObject,
  type ResponseField,
  type ResponseObject,
  type ResponseSchema,
} from "../../platform/schema/response.js";
import { METADATA_JSON } from "../customers/index.js";
import { BENEFIT_TYPES, VISIBILITY_CONFIGURABLE, type BenefitProperties, type BenefitRecord, type BenefitType } from "./model.js";

const dateTime: JsonSchema = { type: "string", format: "date-time" };
const uuid: JsonSchema = { type: "string", format: "uuid4" };
const str: JsonSchema = { type: "string" };
const int: JsonSchema = { type: "integer" };
const bool: JsonSchema = { type: "boolean" };

const obj = (name: string, properties: Record<string, JsonSchema>, required = Object.keys(properties)) =>
  component(name, { type: "object", title: name, properties, ...(required.length > 0 && { required }) });

const EXPIRATION = obj("BenefitLicenseKeyExpirationProperties", {
  ttl: { type: "integer", exclusiveMinimum: 0 },
  timeframe: { type: "string", enum: ["year", "month", "day"] },
});
const ACTIVATION = obj("BenefitLicenseKeyActivationProperties", { limit: int, enable_customer_admin: bool });

interface TypeOutput {
  stem: string;
  properties: JsonSchema;
  /** The stored properties in Polar's output shape and key order. */
  value(p: BenefitProperties): unknown;
}

const pick = (p: BenefitProperties, keys: string[]) => Object.fromEntries(keys.map((k) => [k, p[k] ?? null]));

const OUTPUTS: Record<BenefitType, TypeOutput> = {
  custom: { stem: "Custom", properties: ref(obj("BenefitCustomProperties", { note: nullable(str) })), value: (p) => pick(p, ["note"]) },
  discord: {
    stem: "Discord",
    properties: ref(obj("BenefitDiscordProperties", { guild_id: str, role_id: str, kick_member: bool, guild_token: str })),
    value: (p) => pick(p, ["guild_id", "role_id", "kick_member", "guild_token"]),
  },
  github_repository: {
    stem: "GitHubRepository",
    properties: ref(
      obj("BenefitGitHubRepositoryProperties", {
        repository_owner: str,
        repository_name: str,
        permission: { type: "string", enum: ["pull", "triage", "push", "maintain", "admin"] },
      }),
    ),
    value: (p) => pick(p, ["repository_owner", "repository_name", "permission"]),
  },
  downloadables: {
    stem: "Downloadables",
    properties: ref(
      obj("BenefitDownloadablesProperties", {
        archived: { type: "object", additionalProperties: bool },
        files: { type: "array", items: uuid },
      }),
    ),
    value: (p) => ({ archived: p.archived ?? {}, files: p.files ?? [] }),
  },
  license_keys: {
    stem: "LicenseKeys",
    properties: ref(
      obj("BenefitLicenseKeysProperties", {
        prefix: nullable(str),
        expires: nullable(ref(EXPIRATION)),
        activations: nullable(ref(ACTIVATION)),
        limit_usage: nullable(int),
      }),
    ),
    value: (p) => pick(p, ["prefix", "expires", "activations", "limit_usage"]),
  },
  meter_credit: {
    stem: "MeterCredit",
    properties: ref(obj("BenefitMeterCreditProperties", { units: int, rollover: bool, meter_id: uuid })),
    value: (p) => pick(p, ["units", "rollover", "meter_id"]),
  },
  feature_flag: { stem: "FeatureFlag", properties: ref(obj("BenefitFeatureFlagProperties", {})), value: () => ({}) },
  slack_shared_channel: {
    stem: "SlackSharedChannel",
    properties: ref(
      obj(
        "BenefitSlackSharedChannelProperties",
        {
          slack_integration_id: uuid,
          channel_name_template: str,
          private: bool,
          welcome_message: nullable(str),
          archive_on_revoke: bool,
          team_invitees: { type: "array", items: str },
        },
        ["slack_integration_id", "channel_name_template"],
      ),
    ),
    value: (p) =>
      pick(p, ["slack_integration_id", "channel_name_template", "private", "welcome_message", "archive_on_revoke", "team_invitees"]),
  },
};

function typeResponse(type: BenefitType): ResponseObject<BenefitRecord> {
  const out = OUTPUTS[type];
  const fields: ResponseField<BenefitRecord>[] = [
    { key: "id", json: uuid, value: (b) => b.id },
    { key: "created_at", json: dateTime, value: (b) => formatDateTime(b.createdAt) },
    { key: "modified_at", json: nullable(dateTime), value: (b) => formatNullableDateTime(b.modifiedAt) },
    { key: "type", json: { type: "string", const: type }, value: (b) => b.type },
    { key: "description", json: str, value: (b) => b.description },
    // Benefits created through the API are always selectable and deletable.
    { key: "selectable", json: bool, value: () => true },
    { key: "deletable", json: bool, value: () => true },
    { key: "is_deleted", json: bool, value: (b) => b.deletedAt !== null },
    { key: "organization_id", json: uuid, value: (b) => b.organizationId },
    { key: "metadata", json: METADATA_JSON, value: (b) => b.metadata },
    { key: "visibility", json: { type: "string", enum: ["draft", "private", "public"], title: "Visibility" }, value: (b) => b.visibility },
    { key: "properties", json: out.properties, value: (b) => out.value(b.properties) },
    { key: "visibility_configurable", json: bool, value: (b) => VISIBILITY_CONFIGURABLE.has(b.type) },
  ];
  return responseObject(`Benefit${out.stem}`, fields);
}

const BY_TYPE = Object.fromEntries(BENEFIT_TYPES.map((t) => [t, typeResponse(t)])) as Record<BenefitType, ResponseObject<BenefitRecord>>;

const BENEFIT = component("Benefit", {
  oneOf: BENEFIT_TYPES.map((t) => BY_TYPE[t].json),
  discriminator: {
    propertyName: "type",
    mapping: Object.fromEntries(BENEFIT_TYPES.map((t) => [t, `#/components/schemas/${BY_TYPE[t].component.name}`])),
  },
});

/** Any benefit, serialised by its type; custom benefits also carry the deprecated wire-only `is_tax_applicable` (always true). */
export const benefitResponse: ResponseSchema<BenefitRecord> = {
  component: BENEFIT,
  json: ref(BENEFIT),
  serialize(benefit) {
    const body = BY_TYPE[benefit.type].serialize(benefit);
    if (benefit.type !== "custom") return body;
    const { visibility_configurable, ...rest } = body;
    return { ...rest, is_tax_applicable: true, visibility_configurable };
  },
};

export const benefitListResponse = listResource(benefitResponse);
