// Request bodies of the benefits endpoints: BenefitCreate (discriminated by
// `type`) and the plain union of the <Type>Update bodies.

import { DICT_OR_OBJECT, enumeration, nullable, object, schema, string, type Fields, type Schema } from "../../platform/schema/core.js";
import { issue } from "../../platform/schema/issues.js";
import { INVALID, isPlainObject } from "../../platform/schema/core.js";
import { named } from "../../platform/schema/component.js";
import { INT32, boolean, integer } from "../../platform/schema/numbers.js";
import { uuid4 } from "../../platform/schema/uuid.js";
import { list } from "../../platform/schema/list.js";
import { literal, smartUnion, taggedUnion } from "../../platform/schema/union.js";
import { metadata, type Metadata } from "../customers/index.js";
import { BENEFIT_VISIBILITIES, type BenefitProperties, type BenefitType, type BenefitVisibility } from "./model.js";

const text = () => string({ rejectNul: true });

/** `dict[UUID4, bool]` (downloadables' archived files). */
const archivedFiles = (): Schema<Record<string, boolean>> =>
  schema({ type: "object", additionalProperties: { type: "boolean" }, propertyNames: { format: "uuid4" } }, (input, loc, issues) => {
    if (!isPlainObject(input)) {
      issues.push(issue("dict_type", loc, "Input should be a valid dictionary", input));
      return INVALID;
    }
    const out: Record<string, boolean> = {};
    let ok = true;
    for (const [key, value] of Object.entries(input)) {
      const id = uuid4().parse(key, [...loc, key, "[key]"], issues);
      const flag = boolean().parse(value, [...loc, key], issues);
      if (id === INVALID || flag === INVALID) ok = false;
      else out[id] = flag;
    }
    return ok ? out : INVALID;
  });

const props = (title: string, fields: Fields) => named(title, object(fields, { title }));

const customCreateProperties = props("BenefitCustomCreateProperties", { note: { schema: nullable(text()), default: () => null } });
const customProperties = props("BenefitCustomProperties", { note: { schema: nullable(text()), required: true } });
const featureFlagProperties = props("BenefitFeatureFlagCreateProperties", {});
const meterCreditProperties = props("BenefitMeterCreditCreateProperties", {
  units: { schema: integer({ ...INT32, gt: 0 }), required: true },
  rollover: { schema: boolean(), required: true },
  meter_id: { schema: uuid4(), required: true },
});
const discordProperties = props("BenefitDiscordCreateProperties", {
  guild_token: { schema: text(), required: true },
  role_id: { schema: text(), required: true },
  kick_member: { schema: boolean(), required: true },
});
const githubProperties = props("BenefitGitHubRepositoryCreateProperties", {
  repository_owner: { schema: text(), required: true },
  repository_name: { schema: text(), required: true },
  permission: { schema: enumeration(["pull", "triage", "push", "maintain", "admin"] as const), required: true },
});
const downloadablesProperties = props("BenefitDownloadablesCreateProperties", {
  archived: { schema: archivedFiles(), default: () => ({}) },
  files: { schema: list(uuid4(), { minLength: 1 }), required: true },
});
const licenseKeysProperties = props("BenefitLicenseKeysCreateProperties", {
  prefix: { schema: nullable(text()), default: () => null },
  expires: {
    schema: nullable(
      props("BenefitLicenseKeyExpirationProperties", {
        ttl: { schema: integer({ gt: 0 }), required: true },
        timeframe: { schema: enumeration(["year", "month", "day"] as const), required: true },
      }),
    ),
    default: () => null,
  },
  activations: {
    schema: nullable(
      props("BenefitLicenseKeyActivationCreateProperties", {
        limit: { schema: integer({ ...INT32, gt: 0 }), required: true },
        enable_customer_admin: { schema: boolean(), required: true },
      }),
    ),
    default: () => null,
  },
  limit_usage: { schema: nullable(integer({ ...INT32, gt: 0 })), default: () => null },
});
const slackProperties = props("BenefitSlackSharedChannelCreateProperties", {
  slack_integration_id: { schema: uuid4(), required: true },
  channel_name_template: { schema: string({ minLength: 1, maxLength: 80, rejectNul: true }), required: true },
  private: { schema: boolean(), default: () => true },
  welcome_message: { schema: nullable(string({ maxLength: 4000, rejectNul: true })), default: () => null },
  archive_on_revoke: { schema: boolean(), default: () => true },
  team_invitees: { schema: list(text()), default: () => [] },
});

/** Per type: its class-name stem, create properties and update properties. */
const TYPES: Record<BenefitType, { stem: string; create: Schema<unknown>; update: Schema<unknown> }> = {
  custom: { stem: "Custom", create: customCreateProperties, update: customProperties },
  discord: { stem: "Discord", create: discordProperties, update: discordProperties },
  github_repository: { stem: "GitHubRepository", create: githubProperties, update: githubProperties },
  downloadables: { stem: "Downloadables", create: downloadablesProperties, update: downloadablesProperties },
  license_keys: { stem: "LicenseKeys", create: licenseKeysProperties, update: licenseKeysProperties },
  meter_credit: { stem: "MeterCredit", create: meterCreditProperties, update: meterCreditProperties },
  feature_flag: { stem: "FeatureFlag", create: featureFlagProperties, update: featureFlagProperties },
  slack_shared_channel: { stem: "SlackSharedChannel", create: slackProperties, update: slackProperties },
};

const visibility = () => nullable(enumeration(BENEFIT_VISIBILITIES, "Visibility"));

export interface BenefitCreate {
  type: BenefitType;
  description: string;
  metadata: Metadata;
  organization_id: string | null;
  visibility: BenefitVisibility | null;
  properties: BenefitProperties;
}

const createMember = (type: BenefitType) => {
  const title = `Benefit${TYPES[type].stem}Create`;
  return named(
    title,
    object(
      {
        metadata: { schema: metadata(), default: () => ({}) },
        type: { schema: literal(type), required: true },
        description: { schema: string({ minLength: 3, maxLength: 42, rejectNul: true }), required: true },
        organization_id: { schema: nullable(uuid4()), default: () => null },
        visibility: { schema: visibility(), default: () => null },
        properties: { schema: TYPES[type].create, required: true },
      },
      { title, notAnObject: DICT_OR_OBJECT },
    ),
  );
};

const BENEFIT_TYPE_LIST = Object.keys(TYPES) as BenefitType[];

export const benefitCreate = named(
  "BenefitCreate",
  taggedUnion<BenefitCreate>({ key: "type", members: Object.fromEntries(BENEFIT_TYPE_LIST.map((t) => [t, createMember(t)])) }),
);

export interface BenefitUpdate {
  type: BenefitType;
  description?: string | null;
  metadata?: Metadata;
  visibility?: BenefitVisibility | null;
  properties?: BenefitProperties | null;
}

const updateMember = (type: BenefitType): readonly [string, Schema<unknown>] => {
  const title = `Benefit${TYPES[type].stem}Update`;
  return [
    title,
    named(
      title,
      object(
        {
          metadata: { schema: metadata() },
          description: { schema: nullable(string({ minLength: 3, maxLength: 42, rejectNul: true })) },
          visibility: { schema: visibility() },
          type: { schema: literal(type), required: true },
          properties: { schema: nullable(TYPES[type].update) },
        },
        { title, notAnObject: DICT_OR_OBJECT },
      ),
    ),
  ];
};

const updateMembers = BENEFIT_TYPE_LIST.map(updateMember);
export const benefitUpdate = named(
  "BenefitUpdate",
  smartUnion<BenefitUpdate>(updateMembers, { anyOf: updateMembers.map(([, m]) => m.json), title: "Benefit Update" }),
);
