import type { OpenEnum } from "../../types/enums.js";

export type BenefitType = OpenEnum<
  "custom" | "discord" | "github_repository" | "downloadables" | "license_keys" | "meter_credit" | "feature_flag" | "slack_shared_channel"
>;
