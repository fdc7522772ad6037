// A benefit as the service and the store see it. `properties` is the type's
// own configuration (see requests.ts for each type's shape).

import type { Metadata } from "../customers/index.js";

export const BENEFIT_TYPES = [
  "custom",
  "discord",
  "github_repository",
  "downloadables",
  "license_keys",
  "meter_credit",
  "feature_flag",
  "slack_shared_channel",
] as const;
export type BenefitType = (typeof BENEFIT_TYPES)[number];

export const BENEFIT_VISIBILITIES = ["draft", "private", "public"] as const;
export type BenefitVisibility = (typeof BENEFIT_VISIBILITIES)[number];

/** The types whose visibility an organization may choose; the others are always public. */
export const VISIBILITY_CONFIGURABLE: ReadonlySet<BenefitType> = new Set(["custom", "license_keys", "meter_credit", "feature_flag"]);

/** Visibility when none is given: feature flags are private, everything else public. */
export const defaultVisibility = (type: BenefitType): BenefitVisibility => (type === "feature_flag" ? "private" : "public");

export interface CustomProperties {
  note: string | null;
}
export type FeatureFlagProperties = Record<string, never>;
/** Each grant credits `units` to the customer's meter `meter_id`; `rollover` carries unused credit over a reset. */
export interface MeterCreditProperties {
  units: number;
  rollover: boolean;
  meter_id: string;
}

export type BenefitProperties = Record<string, unknown>;

export interface BenefitRecord {
  id: string;
  organizationId: string;
  createdAt: Date;
  modifiedAt: Date | null;
  deletedAt: Date | null;
  type: BenefitType;
  description: string;
  visibility: BenefitVisibility;
  metadata: Metadata;
  properties: BenefitProperties;
}

export type NewBenefit = Omit<BenefitRecord, "modifiedAt" | "deletedAt">;

export type BenefitChanges = Partial<
  Pick<BenefitRecord, "description" | "visibility" | "metadata" | "properties" | "modifiedAt" | "deletedAt">
>;

/** The meter a meter_credit benefit credits, else null. */
export const creditedMeterId = (type: BenefitType, properties: BenefitProperties): string | null =>
  type === "meter_credit" && typeof properties.meter_id === "string" ? properties.meter_id : null;
