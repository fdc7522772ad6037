// The BenefitGrant response (grant listings) and the CustomerStateBenefitGrant
// item of customer state. Grant properties of custom, feature_flag and
// meter_credit grants are shown as {} (Polar drops the keys its published
// shapes do not know, which is all of meter_credit's stored ones).
import type { JsonSchema } from "../../platform/schema/core.js";
import { component, ref } from "../../platform/schema/component.js";
import { formatDateTime, formatNullableDateTime } from "../../platform/schema/datetime.js";
import { listResource, nullableJson as nullable, responseObject } from "../../platform/schema/response.js";
import { BENEFIT_TYPES, benefitResponse, type BenefitRecord } from "../benefits/index.js";
import { METADATA_JSON, customerResponse, type CustomerRecord } from "../customers/index.js";
import type { GrantRecord } from "./model.js";
import type { StateGrant } from "./store.js";

const dateTime: JsonSchema = { type: "string", format: "date-time" };
const uuid: JsonSchema = { type: "string", format: "uuid4" };

const grantProperties = (name: string, keys: string[]) =>
  ref(
    component(name, {
      type: "object",
      title: name,
      properties: Object.fromEntries(keys.map((k) => [k, { type: "string" }])),
    }),
  );

const PROPERTIES_JSON: JsonSchema = {
  anyOf: [
    grantProperties("BenefitGrantDiscordProperties", ["account_id", "guild_id", "role_id", "granted_account_id"]),
    grantProperties("BenefitGrantGitHubRepositoryProperties", [
      "account_id",
      "repository_owner",
      "repository_name",
      "permission",
      "granted_account_id",
    ]),
    grantProperties("BenefitGrantDownloadablesProperties", []),
    grantProperties("BenefitGrantLicenseKeysProperties", ["user_provided_key", "license_key_id", "display_key"]),
    grantProperties("BenefitGrantCustomProperties", []),
    grantProperties("BenefitGrantFeatureFlagProperties", []),
    grantProperties("BenefitGrantSlackSharedChannelProperties", [
      "invited_email",
      "channel_id",
      "channel_name",
      "invite_id",
      "invite_url",
      "connected_team_id",
    ]),
  ],
};

/** custom, feature_flag and meter_credit grants publish no keys; the other types have no side effects here, so none are stored. */
const publicProperties = (): Record<string, unknown> => ({});

const GRANT_ERROR = component("BenefitGrantError", {
  type: "object",
  title: "BenefitGrantError",
  properties: { message: { type: "string" }, type: { type: "string" }, timestamp: { type: "string" } },
  required: ["message", "type", "timestamp"],
});

/** A grant with the customer and benefit its response embeds. */
export interface GrantView {
  grant: GrantRecord;
  customer: CustomerRecord;
  benefit: BenefitRecord;
}

export const grantResponse = responseObject<GrantView>("BenefitGrant", [
  { key: "created_at", json: dateTime, value: ({ grant }) => formatDateTime(grant.createdAt) },
  { key: "modified_at", json: nullable(dateTime), value: ({ grant }) => formatNullableDateTime(grant.modifiedAt) },
  { key: "id", json: uuid, value: ({ grant }) => grant.id },
  { key: "granted_at", json: nullable(dateTime), value: ({ grant }) => formatNullableDateTime(grant.grantedAt) },
  { key: "is_granted", json: { type: "boolean" }, value: ({ grant }) => grant.grantedAt !== null },
  { key: "revoked_at", json: nullable(dateTime), value: ({ grant }) => formatNullableDateTime(grant.revokedAt) },
  { key: "is_revoked", json: { type: "boolean" }, value: ({ grant }) => grant.revokedAt !== null },
  { key: "subscription_id", json: nullable(uuid), value: ({ grant }) => grant.subscriptionId },
  { key: "order_id", json: nullable(uuid), value: () => null },
  { key: "customer_id", json: uuid, value: ({ grant }) => grant.customerId },
  { key: "member_id", json: nullable(uuid), value: () => null },
  { key: "benefit_id", json: uuid, value: ({ grant }) => grant.benefitId },
  { key: "error", json: nullable(ref(GRANT_ERROR)), value: () => null },
  { key: "customer", json: customerResponse.json, value: ({ customer }) => customerResponse.serialize(customer) },
  { key: "member", json: nullable({ type: "object", title: "Member" }), value: () => null },
  { key: "benefit", json: benefitResponse.json, value: ({ benefit }) => benefitResponse.serialize(benefit) },
  { key: "properties", json: PROPERTIES_JSON, value: publicProperties },
]);

/** Polar still sends the deprecated `user_id` (the customer id), absent from its schema. */
export const grantWireResponse = {
  ...grantResponse,
  serialize: (view: GrantView) => ({ ...grantResponse.serialize(view), user_id: view.grant.customerId }),
};

export const grantListResponse = listResource(grantWireResponse);

/** A granted grant with its benefit's type and current metadata, as customer state shows it. */
export const stateGrantResponse = responseObject<StateGrant>("CustomerStateBenefitGrant", [
  { key: "id", json: uuid, value: ({ grant }) => grant.id },
  { key: "created_at", json: dateTime, value: ({ grant }) => formatDateTime(grant.createdAt) },
  { key: "modified_at", json: nullable(dateTime), value: ({ grant }) => formatNullableDateTime(grant.modifiedAt) },
  { key: "granted_at", json: dateTime, value: ({ grant }) => formatDateTime(grant.grantedAt!) },
  { key: "benefit_id", json: uuid, value: ({ grant }) => grant.benefitId },
  {
    key: "benefit_type",
    json: ref(component("BenefitType", { type: "string", enum: [...BENEFIT_TYPES], title: "BenefitType" })),
    value: ({ benefitType }) => benefitType,
  },
  { key: "benefit_metadata", json: METADATA_JSON, value: ({ benefitMetadata }) => benefitMetadata },
  { key: "properties", json: PROPERTIES_JSON, value: publicProperties },
]);
